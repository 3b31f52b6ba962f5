package io.tabelogo.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The stack's files under {@code <repository>/.tabelogo}: lock, pid, state, logs, and the private data stores' data. */
record StackHome(Path root) {

    /** Logs, data and the PostgreSQL socket are no other local user's business. */
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    Path dir() {
        return root.resolve(".tabelogo");
    }

    Path lockFile() {
        return dir().resolve("devstack.lock");
    }

    Path pidFile() {
        return dir().resolve("devstack.pid");
    }

    Path stateFile() {
        return dir().resolve("state.properties");
    }

    Path logs() {
        return dir().resolve("logs");
    }

    Path log(String name) {
        return logs().resolve(name + ".log");
    }

    Path postgresData() {
        return dir().resolve("postgres");
    }

    /** The embedded PostgreSQL's unix socket; by default it would be in /tmp, open to every local user. */
    Path postgresSocketDir() {
        return dir().resolve("postgres-socket");
    }

    Path redisData() {
        return dir().resolve("redis");
    }

    /** Where the redis-server bundled in embedded-redis is unpacked when the machine has none. */
    Path bin() {
        return dir().resolve("bin");
    }

    /** Creates .tabelogo (owner only) and its logs directory. */
    void createDirectories() throws IOException {
        Files.createDirectories(dir(), PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.setPosixFilePermissions(dir(), OWNER_ONLY); // one made before this rule may be world-readable
        Files.createDirectories(logs());
    }

    /** The log for a new run of name; the previous run's is kept as {@code <name>.log.1}. */
    Path newLog(String name) throws IOException {
        Path log = log(name);
        if (Files.exists(log)) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        return log;
    }

    /** Whether a supervisor runs, that is holds the lock (the pid file may be a dead one's). */
    boolean supervisorRunning() throws IOException {
        return SupervisorLock.isHeld(lockFile());
    }

    /** The supervisor named by the pid file, if that very process (pid and start instant) still runs. */
    Optional<ProcessHandle> supervisorProcess() {
        return supervisorIdentity().flatMap(ProcessIdentity::find);
    }

    /** The pid file holds the pid on its first line, for {@code kill $(head -1 ...)}, and the start instant after. */
    Optional<ProcessIdentity> supervisorIdentity() {
        try {
            List<String> lines = Files.readAllLines(pidFile());
            return Optional.of(new ProcessIdentity(
                    Long.parseLong(lines.get(0).strip()),
                    Instant.parse(lines.get(1).strip())));
        } catch (IOException | IndexOutOfBoundsException | NumberFormatException | DateTimeParseException e) {
            return Optional.empty(); // absent, half-written, or from before start instants were recorded
        }
    }

    void writePidFile(ProcessIdentity supervisor) throws IOException {
        Files.writeString(pidFile(), supervisor.pid() + "\n" + supervisor.started() + "\n");
    }

    /** The embedded PostgreSQL server, which pg_ctl detaches from the supervisor's process tree. */
    Optional<ProcessHandle> embeddedPostmaster() {
        try (var lines = Files.lines(postgresData().resolve("postmaster.pid"))) {
            return lines.findFirst().map(String::strip).map(Long::valueOf).flatMap(ProcessHandle::of);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
