package io.tabelogo.devstack;

import static io.tabelogo.devstack.Settings.HOST;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One service of the stack as services.conf declares it. {@code managementPort}: where its health and metrics are,
 * when not on its HTTP port (the gateway keeps them off the public port).
 */
record ServiceSpec(
        String name,
        Path jar,
        int port,
        Optional<String> database,
        int redisDb,
        Map<String, String> env,
        OptionalInt managementPort) {

    ServiceSpec(String name, Path jar, int port, Optional<String> database, int redisDb, Map<String, String> env) {
        this(name, jar, port, database, redisDb, env, OptionalInt.empty());
    }

    String url() {
        return "http://%s:%d".formatted(HOST, port);
    }

    String readinessUrl() {
        return managementUrl() + "/health/readiness";
    }

    String metricsUrl() {
        return managementUrl() + "/metrics";
    }

    private String managementUrl() {
        return "http://%s:%d".formatted(HOST, managementPort.orElse(port));
    }
}
