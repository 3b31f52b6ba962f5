package io.tabelogo.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/** The services ./tabelogo runs, in start order, read from services.conf (the format is described in that file). */
record ServiceRegistry(List<ServiceSpec> services) {

    static final String RESOURCE = "services.conf";
    /** The source file, which ./tabelogo also reads; the jar's copy is only as new as the last build. */
    static final Path CHECKOUT_FILE = Path.of("devstack/src/main/resources", RESOURCE);
    /** Shared on purpose (session denylist, event streams), so no service may take it as its own. */
    static final int SHARED_REDIS_DB = 5;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern DATABASE = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Set<String> KEYS = Set.of("jar", "port", "management-port", "database", "redis-db");

    /** Reads the checkout's services.conf under root, or the copy in the jar where the checkout has none. */
    static ServiceRegistry load(Path root) {
        Path file = root.resolve(CHECKOUT_FILE);
        try {
            if (Files.isRegularFile(file)) {
                return parse(file.toString(), Files.readAllLines(file, UTF_8));
            }
            try (InputStream in = ServiceRegistry.class.getResourceAsStream("/" + RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the devstack jar");
                }
                return parse(
                        RESOURCE, new String(in.readAllBytes(), UTF_8).lines().toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceRegistry parse(String origin, List<String> lines) {
        List<ServiceSpec> services = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                ServiceSpec service = parseLine(line);
                require(names.add(service.name()), "service '%s' is listed twice", service.name());
                require(ports.add(service.port()), "port %d is already taken by another service", service.port());
                service.managementPort()
                        .ifPresent(
                                port -> require(ports.add(port), "port %d is already taken by another service", port));
                services.add(service);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("%s line %d: %s".formatted(origin, i + 1, e.getMessage()), e);
            }
        }
        return new ServiceRegistry(List.copyOf(services));
    }

    private static ServiceSpec parseLine(String line) {
        String[] tokens = line.split("\\s+");
        String name = tokens[0];
        require(NAME.matcher(name).matches(), "service name '%s' must be lower-case letters, digits and dashes", name);
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 1; i < tokens.length; i++) {
            String token = tokens[i];
            int equals = token.indexOf('=');
            require(equals > 0, "expected key=value, got '%s'", token);
            String key = token.substring(0, equals);
            String value = token.substring(equals + 1);
            if (key.startsWith("env.")) {
                env.put(key.substring("env.".length()), value);
            } else {
                require(
                        KEYS.contains(key),
                        "unknown key '%s' (known: jar, port, management-port, database, redis-db, env.NAME)",
                        key);
                require(settings.put(key, value) == null, "'%s' is given twice", key);
            }
        }
        require(settings.containsKey("jar"), "'%s' has no jar=<path from the repository root>", name);
        Optional<String> database = Optional.ofNullable(settings.get("database"));
        database.ifPresent(db ->
                require(DATABASE.matcher(db).matches(), "database '%s' must be lower-case letters, digits and _", db));
        int redisDb = number(settings, "redis-db", 0, 15);
        require(redisDb != SHARED_REDIS_DB, "redis-db %d is the shared database; give the service its own", redisDb);
        OptionalInt managementPort = settings.containsKey("management-port")
                ? OptionalInt.of(number(settings, "management-port", 1, 65535))
                : OptionalInt.empty();
        return new ServiceSpec(
                name,
                Path.of(settings.get("jar")),
                number(settings, "port", 1, 65535),
                database,
                redisDb,
                env,
                managementPort);
    }

    private static int number(Map<String, String> settings, String key, int min, int max) {
        String value = settings.get(key);
        require(value != null, "%s=<%d-%d> is missing", key, min, max);
        try {
            int number = Integer.parseInt(value);
            require(number >= min && number <= max, "%s must be %d-%d, was %d", key, min, max, number);
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("%s must be a number, was '%s'".formatted(key, value), e);
        }
    }

    private static void require(boolean condition, String message, Object... arguments) {
        if (!condition) {
            throw new IllegalArgumentException(message.formatted(arguments));
        }
    }
}
