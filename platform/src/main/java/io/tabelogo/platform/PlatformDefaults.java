package io.tabelogo.platform;

import io.tabelogo.platform.logging.LogstashLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the platform's defaults ({@code tabelogo-defaults.properties}) with the lowest precedence, so a service's
 * application.yaml and environment variables still win, plus the two defaults that depend on the environment:
 * JSON or text logs, the OTLP trace exporter only when {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set, and the database
 * role every connection acts as when {@code TABELOGO_DB_ROLE} is set.
 */
public class PlatformDefaults implements EnvironmentPostProcessor, Ordered {

    static final String DEFAULTS = "tabelogo-defaults.properties";
    private static final String SQL_IDENTIFIER = "[a-z_][a-z0-9_]{0,62}";

    /** Before {@code ProductionSecrets}, which judges the settings these defaults complete. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> derived = new HashMap<>();
        if (!"text"
                .equalsIgnoreCase(environment.getProperty(
                        "tabelogo.logging.format", environment.getProperty("TABELOGO_LOG_FORMAT", "json")))) {
            derived.put("logging.structured.format.console", LogstashLines.class.getName());
        }
        String otlp = environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (otlp != null && !otlp.isBlank()) {
            // The OpenTelemetry convention gives a base URL; Boot's HTTP exporter wants the signal's full path.
            derived.put(
                    "management.opentelemetry.tracing.export.otlp.endpoint", otlp.replaceAll("/+$", "") + "/v1/traces");
        }
        String role = environment.getProperty("TABELOGO_DB_ROLE", "");
        if (!role.isEmpty()) {
            // Under rotation by alternating users the login is <role> or <role>_clone; acting as <role> keeps every
            // object owned by one role whichever logged in (docs/operations.md, rotating a database password).
            if (!role.matches(SQL_IDENTIFIER)) {
                throw new IllegalStateException("TABELOGO_DB_ROLE must be a lower-case PostgreSQL role name");
            }
            derived.put("tabelogo.db.role-option", " -c role=" + role);
            derived.put("tabelogo.db.role-statement", " SET ROLE " + role + ";");
        }
        var sources = environment.getPropertySources();
        sources.addLast(new MapPropertySource("tabelogo-derived-defaults", derived));
        sources.addLast(load());
    }

    private static PropertySource<?> load() {
        try {
            return new PropertiesPropertySourceLoader()
                    .load("tabelogo-defaults", new ClassPathResource(DEFAULTS))
                    .getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("platform defaults missing from the classpath", e);
        }
    }
}
