package io.tabelogo.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/** A redis-server owned by the stack; its append-only file in its own directory keeps the data across down/up. */
final class PrivateRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PrivateRedis.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Process process;

    private PrivateRedis(Process process) {
        this.process = process;
    }

    /** The machine's redis-server if installed, else the one bundled in embedded-redis, unpacked into unpackDir. */
    static Path binary(Path unpackDir) throws IOException {
        var installed = Executables.onPath("redis-server");
        return installed.isPresent() ? installed.get() : bundledBinary(unpackDir);
    }

    static Path bundledBinary(Path unpackDir) throws IOException {
        Files.createDirectories(unpackDir);
        return ExecutableProvider.newJarResourceProvider(unpackDir.toFile())
                .get()
                .toPath();
    }

    static PrivateRedis start(Path binary, RedisEndpoint endpoint, Path dataDir, Path logFile) throws IOException {
        if (endpoint.answersPing()) {
            throw new IllegalStateException(("a Redis already answers on %s; if it is a leftover of an earlier stack,"
                            + " stop it, or choose another port with TABELOGO_EMBEDDED_REDIS_PORT")
                    .formatted(endpoint.address()));
        }
        Files.createDirectories(dataDir);
        Process process = new ProcessBuilder(
                        binary.toString(),
                        "--port",
                        String.valueOf(endpoint.port()),
                        "--bind",
                        endpoint.host(),
                        "--dir",
                        dataDir.toAbsolutePath().toString(),
                        "--appendonly",
                        "yes",
                        "--daemonize",
                        "no")
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        var redis = new PrivateRedis(process);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!endpoint.answersPing()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                redis.close();
                throw new IllegalStateException(
                        "private redis-server on %s did not start; see %s".formatted(endpoint.address(), logFile));
            }
            sleep(Duration.ofMillis(100));
        }
        log.info("Private redis-server (pid {}) answers on {}", process.pid(), endpoint.address());
        return redis;
    }

    ProcessHandle process() {
        return process.toHandle();
    }

    /** SIGTERM makes redis-server flush its append-only file before it exits. */
    @Override
    public void close() {
        GracefulStop.stop(List.of(process.toHandle()), STOP_GRACE);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }
}
