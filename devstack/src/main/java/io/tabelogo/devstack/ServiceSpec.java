package io.tabelogo.devstack;

import static io.tabelogo.devstack.Settings.HOST;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** One service of the stack as services.conf declares it. */
record ServiceSpec(String name, Path jar, int port, Optional<String> database, int redisDb, Map<String, String> env) {

    String url() {
        return "http://%s:%d".formatted(HOST, port);
    }

    String readinessUrl() {
        return url() + "/health/readiness";
    }

    String metricsUrl() {
        return url() + "/metrics";
    }
}
