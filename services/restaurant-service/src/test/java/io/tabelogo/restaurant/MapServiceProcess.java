package io.tabelogo.restaurant;

import io.tabelogo.platformtest.FreePorts;
import io.tabelogo.platformtest.PrivateRedisServer;
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

/**
 * The real map-service, run from its jar (built before this module by the reactor) with the offline provider and a
 * private redis-server: for tests of the two services talking over real gRPC. Its output goes to
 * {@code target/map-service-under-test.log}.
 */
public final class MapServiceProcess implements AutoCloseable {

    private static final Path JAR = Path.of("..", "map-service", "target", "map-service.jar");

    private final Process process;
    private final PrivateRedisServer redis;
    private final int httpPort;
    private final int grpcPort;

    private MapServiceProcess(Process process, PrivateRedisServer redis, int httpPort, int grpcPort) {
        this.process = process;
        this.redis = redis;
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
    }

    /** Starts map-service without waiting for it (see {@link #awaitReady}). */
    public static MapServiceProcess start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build the reactor from the root "
                    + "(./mvnw verify), which packages map-service before restaurant-service's tests run");
        }
        PrivateRedisServer redis = PrivateRedisServer.start();
        int httpPort = FreePorts.next();
        int grpcPort = FreePorts.next();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-Xmx256m",
                        "-jar",
                        JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "map-service-under-test.log").toFile());
        builder.environment()
                .putAll(Map.of(
                        "SERVER_PORT", Integer.toString(httpPort),
                        "TABELOGO_GRPC_PORT", Integer.toString(grpcPort),
                        "TABELOGO_MAP_PROVIDER", "offline",
                        "TABELOGO_REDIS_URL", redis.url(2),
                        "TABELOGO_SHARED_REDIS_URL", redis.url(5)));
        try {
            MapServiceProcess map = new MapServiceProcess(builder.start(), redis, httpPort, grpcPort);
            Runtime.getRuntime().addShutdownHook(new Thread(map::close));
            return map;
        } catch (IOException e) {
            redis.close();
            throw new UncheckedIOException(e);
        }
    }

    public String grpcAddress() {
        return "static://127.0.0.1:" + grpcPort;
    }

    public URI http(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** Waits until map-service reports ready (it starts in 10–30 s on two cores). */
    public void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "map-service exited with " + process.exitValue() + "; see target/map-service-under-test.log");
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
        throw new IllegalStateException("map-service was not ready within 90 s; see target/map-service-under-test.log");
    }

    /** Kills map-service (as a crash would) and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        redis.close();
    }
}
