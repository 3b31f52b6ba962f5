package io.tabelogo.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The stack's files under {@code <repository>/.tabelogo}: pid, state, logs, and the private data stores' data. */
record StackHome(Path root) {

    Path dir() {
        return root.resolve(".tabelogo");
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

    Path redisData() {
        return dir().resolve("redis");
    }

    /** Where the redis-server bundled in embedded-redis is unpacked when the machine has none. */
    Path bin() {
        return dir().resolve("bin");
    }

    /** The running supervisor, if the pid file names a live one (and not a recycled pid of another program). */
    Optional<ProcessHandle> supervisor() {
        return pidIn(pidFile())
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info()
                        .arguments()
                        .map(arguments -> List.of(arguments).contains("supervise"))
                        .orElse(true));
    }

    /** The embedded PostgreSQL server, which pg_ctl detaches from the supervisor's process tree. */
    Optional<ProcessHandle> embeddedPostmaster() {
        return pidIn(postgresData().resolve("postmaster.pid")).flatMap(ProcessHandle::of);
    }

    private static Optional<Long> pidIn(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.findFirst().map(String::strip).map(Long::valueOf);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
