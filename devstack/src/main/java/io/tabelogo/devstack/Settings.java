package io.tabelogo.devstack;

import java.util.Map;

/** Where the stack looks for PostgreSQL and Redis, and the ports of its private ones; each is an env variable. */
record Settings(
        int postgresPort,
        String postgresUser,
        String postgresPassword,
        int embeddedPostgresPort,
        int redisPort,
        int privateRedisPort) {

    /** Everything listens on loopback only: a developer's stack must not be reachable from the network. */
    static final String HOST = "127.0.0.1";

    /** The password masked: records print every component, and settings may end up in a log or a message. */
    @Override
    public String toString() {
        return ("Settings[postgresPort=%d, postgresUser=%s, postgresPassword=%s, embeddedPostgresPort=%d,"
                        + " redisPort=%d, privateRedisPort=%d]")
                .formatted(
                        postgresPort,
                        postgresUser,
                        mask(postgresPassword),
                        embeddedPostgresPort,
                        redisPort,
                        privateRedisPort);
    }

    /** Tells an empty password (a useful hint) from a set one, without showing the latter. */
    static String mask(String password) {
        return password.isEmpty() ? "" : "****";
    }

    static Settings fromEnvironment(Map<String, String> env) {
        return new Settings(
                port(env, "TABELOGO_PG_PORT", 5432),
                env.getOrDefault("TABELOGO_PG_USER", "postgres"),
                env.getOrDefault("TABELOGO_PG_PASSWORD", ""),
                port(env, "TABELOGO_EMBEDDED_PG_PORT", 15432),
                port(env, "TABELOGO_REDIS_PORT", 6379),
                port(env, "TABELOGO_EMBEDDED_REDIS_PORT", 16379));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the variable's name
        }
        throw new IllegalArgumentException("%s must be a port number (1-65535), was '%s'".formatted(name, value));
    }
}
