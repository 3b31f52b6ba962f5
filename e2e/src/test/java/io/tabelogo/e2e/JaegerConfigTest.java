package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Jaeger cannot run here; its configuration (an OpenTelemetry Collector file) is checked for what makes it start
 * and serve: every component a pipeline or the service names is configured, the query reads the storage the
 * exporter writes, and the ports are the ones Compose publishes, health-checks and points the services at.
 */
class JaegerConfigTest {

    private static final Path JAEGER =
            ShippedQueries.OBSERVABILITY.resolve("jaeger").resolve("jaeger.yml");

    @Test
    @SuppressWarnings("unchecked")
    void everyNamedComponentIsConfiguredAndTheQueryReadsWhatTheExporterWrites() throws IOException {
        Map<String, Object> config = new Yaml().load(Files.readString(JAEGER));
        Map<String, Object> service = (Map<String, Object>) config.get("service");
        Map<String, Object> extensions = (Map<String, Object>) config.get("extensions");
        assertThat(extensions).containsKeys((((List<String>) service.get("extensions")).toArray(String[]::new)));
        Map<String, Object> traces =
                (Map<String, Object>) ((Map<String, Object>) service.get("pipelines")).get("traces");
        for (String kind : List.of("receivers", "processors", "exporters")) {
            assertThat((Map<String, Object>) config.get(kind))
                    .as(kind)
                    .containsKeys(((List<String>) traces.get(kind)).toArray(String[]::new));
        }

        Map<String, Object> backends =
                (Map<String, Object>) ((Map<String, Object>) extensions.get("jaeger_storage")).get("backends");
        String written = (String)
                ((Map<String, Object>) ((Map<String, Object>) config.get("exporters")).get("jaeger_storage_exporter"))
                        .get("trace_storage");
        String read =
                (String) ((Map<String, Object>) ((Map<String, Object>) extensions.get("jaeger_query")).get("storage"))
                        .get("traces");
        assertThat(read).isEqualTo(written);
        assertThat(backends).containsOnlyKeys(written);
        Map<String, Object> memory = (Map<String, Object>) ((Map<String, Object>) backends.get(written)).get("memory");
        assertThat((Integer) memory.get("max_traces")).isBetween(1_000, 20_000);
    }

    @Test
    @SuppressWarnings("unchecked")
    void composePublishesChecksAndExportsToTheConfiguredPorts() throws IOException {
        String text = Files.readString(JAEGER);
        Map<String, Map<String, Object>> services = ComposeFile.services();
        Map<String, Object> jaeger = services.get("jaeger");
        assertThat((List<String>) jaeger.get("volumes"))
                .contains("../observability/jaeger/jaeger.yml:/etc/jaeger/jaeger.yml:ro");
        assertThat((List<String>) jaeger.get("command")).containsExactly("--config", "/etc/jaeger/jaeger.yml");
        assertThat((List<String>) jaeger.get("ports"))
                .containsExactlyInAnyOrder("127.0.0.1:16686:16686", "127.0.0.1:4317:4317", "127.0.0.1:4318:4318");
        assertThat(text).contains("endpoint: 0.0.0.0:16686", "endpoint: 0.0.0.0:4317", "endpoint: 0.0.0.0:4318");

        List<String> healthcheck = (List<String>) ((Map<String, Object>) jaeger.get("healthcheck")).get("test");
        assertThat(text).contains("endpoint: 0.0.0.0:13133");
        assertThat(healthcheck).contains("http://localhost:13133/status");

        // The services export over OTLP/HTTP to the receiver's port.
        assertThat(((Map<String, Object>) services.get("auth").get("environment")).get("OTEL_EXPORTER_OTLP_ENDPOINT"))
                .isEqualTo("http://tabelogo-jaeger:4318");
    }
}
