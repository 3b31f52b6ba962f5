package io.tabelogo.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the supervisor tells the CLI: its phase and progress, the PostgreSQL and Redis it chose, and the processes it
 * started (pid and start instant), which {@code down} stops should the supervisor die without stopping them.
 * Written to a temporary file and moved into place, so a reader never sees half of it.
 */
final class StateFile {

    /** The roles of the processes the supervisor starts, besides one per service (see {@link #serviceRole}). */
    static final String POSTGRES = "postgres";

    static final String REDIS = "redis";

    private static final Pattern SERVICE_PID_KEY = Pattern.compile("service\\.(.+)\\.pid");

    enum Phase {
        STARTING,
        READY,
        STOPPING,
        FAILED
    }

    private final Path path;
    private final Properties values;

    private StateFile(Path path, Properties values) {
        this.path = path;
        this.values = values;
    }

    static StateFile create(Path path) {
        return new StateFile(path, new Properties());
    }

    static Optional<StateFile> read(Path path) {
        var values = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            values.load(reader);
            return Optional.of(new StateFile(path, values));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    synchronized void phase(Phase phase, String message) {
        values.setProperty("phase", phase.name());
        values.setProperty("message", message);
        save();
    }

    synchronized void infrastructure(Infrastructure infrastructure) {
        PostgresEndpoint postgres = infrastructure.postgres();
        values.setProperty("postgres.mode", postgres.embedded() ? "embedded" : "local");
        values.setProperty("postgres.address", postgres.address());
        values.setProperty("postgres.user", postgres.user());
        RedisEndpoint redis = infrastructure.redis();
        values.setProperty("redis.mode", redis.embedded() ? "private" : "local");
        values.setProperty("redis.address", redis.address());
        infrastructure.redisBinary().ifPresent(binary -> values.setProperty("redis.binary", binary.toString()));
        infrastructure.postgresProcess().ifPresent(process -> setProcess(POSTGRES, process));
        infrastructure.redisProcess().ifPresent(process -> setProcess(REDIS, process));
        save();
    }

    static String serviceRole(String service) {
        return "service." + service;
    }

    synchronized void process(String role, ProcessIdentity process) {
        setProcess(role, process);
        save();
    }

    private void setProcess(String role, ProcessIdentity process) {
        values.setProperty(role + ".pid", String.valueOf(process.pid()));
        values.setProperty(role + ".started", process.started().toString());
    }

    /** Something that kept a service from being started, e.g. its jar not being built. */
    synchronized void serviceProblem(String service, String problem) {
        values.setProperty("service." + service + ".problem", problem);
        save();
    }

    Phase phase() {
        return Phase.valueOf(values.getProperty("phase", Phase.STARTING.name()));
    }

    String message() {
        return values.getProperty("message", "");
    }

    Optional<String> value(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    Optional<ProcessIdentity> process(String role) {
        return value(role + ".pid")
                .flatMap(pid -> value(role + ".started")
                        .map(started -> new ProcessIdentity(Long.parseLong(pid), Instant.parse(started))));
    }

    /** The services whose process was recorded, in no particular order. */
    List<String> servicesWithProcess() {
        return values.stringPropertyNames().stream()
                .map(SERVICE_PID_KEY::matcher)
                .filter(Matcher::matches)
                .map(matcher -> matcher.group(1))
                .toList();
    }

    Optional<String> serviceProblem(String service) {
        return value("service." + service + ".problem");
    }

    void delete() throws IOException {
        Files.deleteIfExists(path);
    }

    private void save() {
        try {
            Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary)) {
                values.store(writer, "Tabelogo devstack state, written by the supervisor");
            }
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }
}
