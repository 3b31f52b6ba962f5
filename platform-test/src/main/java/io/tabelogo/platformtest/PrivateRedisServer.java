package io.tabelogo.platformtest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.util.FileSystemUtils;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real redis-server of the test's own, on a random port, so tests never touch the machine's shared Redis. It
 * can be stopped and started again on the same port (empty: nothing is persisted) to play a Redis outage.
 * Runs the system {@code redis-server} when on the PATH, else the binary that embedded-redis ships.
 */
public final class PrivateRedisServer implements AutoCloseable {

    private final int port;
    private final Path dataDirectory;
    private final Path aclFile;
    private RedisServer server;

    private PrivateRedisServer(int port, Path dataDirectory, Path aclFile) {
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.aclFile = aclFile;
    }

    /** Starts a new server on a free port. */
    public static PrivateRedisServer start() {
        return start(null);
    }

    /**
     * Starts a new server on a free port whose users are those of {@code aclFile} (Redis ACL rules), as a deployment
     * that gives each service its own user runs it; null for none (the default user, no password).
     */
    public static PrivateRedisServer start(Path aclFile) {
        try {
            PrivateRedisServer redis =
                    new PrivateRedisServer(FreePorts.next(), Files.createTempDirectory("tabelogo-test-redis"), aclFile);
            redis.startAgain();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a private redis-server", e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>/<database>} */
    public String url(int database) {
        return "redis://127.0.0.1:" + port + "/" + database;
    }

    /** {@code redis://<user>:<password>@127.0.0.1:<port>/<database>}, for a server started with users. */
    public String url(int database, String user, String password) {
        return "redis://" + user + ":" + password + "@127.0.0.1:" + port + "/" + database;
    }

    public synchronized boolean isRunning() {
        return server != null && server.isActive();
    }

    /** Kills the server (clients see connection refused) until {@link #startAgain()}. */
    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                throw new UncheckedIOException("could not stop redis-server on port " + port, e);
            }
            server = null;
        }
    }

    /** Starts the server again on the same port, empty. */
    public synchronized void startAgain() {
        if (isRunning()) {
            return;
        }
        try {
            var builder = RedisServer.newRedisServer()
                    .executableProvider(executable())
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("dir " + dataDirectory);
            if (aclFile != null) {
                builder.setting("aclfile " + aclFile.toAbsolutePath());
            }
            server = builder.build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start redis-server on port " + port, e);
        }
    }

    @Override
    public void close() {
        stop();
        FileSystemUtils.deleteRecursively(dataDirectory.toFile());
    }

    private static ExecutableProvider executable() {
        try {
            return ExecutableProvider.newExecutableInPath("redis-server");
        } catch (FileNotFoundException notInstalled) {
            return ExecutableProvider.newJarResourceProvider();
        }
    }
}
