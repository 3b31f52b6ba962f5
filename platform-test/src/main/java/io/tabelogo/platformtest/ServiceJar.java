package io.tabelogo.platformtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Another Tabelogo service run from the jar the reactor built before the module under test, for tests of two real
 * services talking to each other. It can be stopped and started again (same port, same settings), as an operator
 * or a crash would. Its output goes to {@code target/<service>-under-test.log}.
 */
public final class ServiceJar implements AutoCloseable {

    private final String service;
    private final Path jar;
    private final Map<String, String> environment;
    private final int httpPort;
    private Process process;

    private ServiceJar(String service, Map<String, String> environment, int httpPort) {
        this.service = service;
        this.jar = Path.of("..", service, "target", service + ".jar");
        this.environment = Map.copyOf(environment);
        this.httpPort = httpPort;
    }

    /**
     * Starts {@code services/<service>/target/<service>.jar} with {@code environment} plus {@code SERVER_PORT} on a
     * free port, without waiting for it (see {@link #awaitReady}).
     */
    public static ServiceJar start(String service, Map<String, String> environment) {
        ServiceJar started = new ServiceJar(service, environment, FreePorts.next());
        if (!Files.isRegularFile(started.jar)) {
            throw new IllegalStateException(started.jar.toAbsolutePath() + " is missing: build the reactor from the "
                    + "root (./mvnw verify), which packages " + service + " before this module's tests run");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        started.startAgain();
        return started;
    }

    public URI http(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** Starts the service again after {@link #stop}, with the same port and settings. */
    public synchronized void startAgain() {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-Xmx256m",
                        "-jar",
                        jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        Path.of("target", service + "-under-test.log").toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(httpPort));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the service reports ready (10–30 s on two cores). */
    public void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue() + "; see target/"
                        + service + "-under-test.log");
            }
            try {
                HttpResponse<Void> ready = http.send(
                        HttpRequest.newBuilder(http("/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                service + " was not ready within 120 s; see target/" + service + "-under-test.log");
    }

    /** Stops the service the way an operator does (SIGTERM, a graceful shutdown) and waits until it is gone. */
    public synchronized void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Kills the service (as a crash would) and waits until it is gone. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
