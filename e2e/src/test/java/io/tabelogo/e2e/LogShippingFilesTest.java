package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Loki and Alloy cannot run here; their files are checked for what makes them start and do their job: Loki 3's
 * tsdb/v13 schema (structured metadata needs it; the old boltdb-shipper/v11 configs do not start), and an Alloy
 * pipeline whose every component reference resolves, keeps only tabelogo-* containers and pushes to the Loki
 * container.
 */
class LogShippingFilesTest {

    private static final Path LOKI =
            ShippedQueries.OBSERVABILITY.resolve("loki").resolve("loki.yml");
    private static final Path ALLOY =
            ShippedQueries.OBSERVABILITY.resolve("alloy").resolve("config.alloy");
    private static final Pattern COMPONENT = Pattern.compile("(?m)^([a-z_]+(?:\\.[a-z_]+)+) \"(\\w+)\" \\{");
    private static final Pattern REFERENCE =
            Pattern.compile("\\b((?:discovery|loki)\\.[a-z_]+)\\.(\\w+)\\.(targets|output|rules|receiver)\\b");

    @Test
    @SuppressWarnings("unchecked")
    void lokiRunsTheTsdbSchemaThatStructuredMetadataNeeds() throws IOException {
        String text = Files.readString(LOKI);
        assertThat(text.replaceAll("(?m)#.*$", "")).as("removed in Loki 3").doesNotContain("shared_store", "boltdb");
        Map<String, Object> loki = new Yaml().load(text);
        List<Map<String, Object>> schemas =
                (List<Map<String, Object>>) ((Map<String, Object>) loki.get("schema_config")).get("configs");
        assertThat(schemas)
                .isNotEmpty()
                .allSatisfy(schema ->
                        assertThat(schema).containsEntry("store", "tsdb").containsEntry("schema", "v13"));
        assertThat((Map<String, Object>) loki.get("limits_config")).containsEntry("allow_structured_metadata", true);
        assertThat((Map<String, Object>) loki.get("server")).containsEntry("http_listen_port", 3100);
        assertThat((Map<String, Object>) loki.get("compactor")).containsEntry("delete_request_store", "filesystem");
    }

    @Test
    void theAlloyPipelineIsWholeAndShipsOnlyTabelogoContainersToLoki() throws IOException {
        String alloy = Files.readString(ALLOY).replaceAll("(?m)^\\s*//.*$", ""); // comment lines
        assertThat(alloy.chars().filter(c -> c == '{').count())
                .as("balanced braces")
                .isEqualTo(alloy.chars().filter(c -> c == '}').count());

        Set<String> defined = new HashSet<>();
        Matcher components = COMPONENT.matcher(alloy);
        while (components.find()) {
            assertThat(defined.add(components.group(1) + "." + components.group(2)))
                    .as("defined twice: " + components.group())
                    .isTrue();
        }
        assertThat(defined)
                .contains(
                        "discovery.docker.containers",
                        "discovery.relabel.tabelogo",
                        "loki.source.docker.tabelogo",
                        "loki.process.json",
                        "loki.write.loki");
        Set<String> referenced = new HashSet<>();
        Matcher references = REFERENCE.matcher(alloy);
        while (references.find()) {
            referenced.add(references.group(1) + "." + references.group(2));
        }
        assertThat(defined).as("every referenced component is defined").containsAll(referenced);
        assertThat(referenced)
                .as("each stage is read by the next: containers → relabel → (source) → process → write")
                .containsExactlyInAnyOrder(
                        "discovery.docker.containers",
                        "discovery.relabel.tabelogo",
                        "loki.process.json",
                        "loki.write.loki");

        assertThat(block(alloy, "discovery.relabel \"tabelogo\""))
                .contains("regex         = \"/tabelogo-.*\"", "action        = \"keep\"")
                .contains("target_label  = \"container\"", "target_label  = \"service\"")
                .contains("regex         = \"/tabelogo-(auth|map|restaurant|spider)\"", "\"${1}-service\"");
        String process = block(alloy, "loki.process \"json\"");
        assertThat(block(process, "stage.json")).contains("level", "trace_id", "span_id");
        assertThat(block(process, "stage.labels")).contains("level", "service").doesNotContain("trace_id");
        assertThat(block(process, "stage.structured_metadata")).contains("trace_id");
        assertThat(block(alloy, "loki.write \"loki\""))
                .contains("url = \"http://tabelogo-loki:3100/loki/api/v1/push\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsLokiAndAlloyWithTheseFiles() throws IOException {
        Map<String, Map<String, Object>> services = ComposeFile.services();
        Map<String, Object> loki = services.get("loki");
        assertThat((List<String>) loki.get("volumes")).contains("../observability/loki/loki.yml:/etc/loki/loki.yml:ro");
        assertThat((List<String>) loki.get("command")).contains("-config.file=/etc/loki/loki.yml");
        assertThat((List<String>) loki.get("ports")).contains("127.0.0.1:3100:3100"); // this machine only
        Map<String, Object> alloy = services.get("alloy");
        assertThat((List<String>) alloy.get("volumes"))
                .contains("../observability/alloy/config.alloy:/etc/alloy/config.alloy:ro")
                .contains("/var/run/docker.sock:/var/run/docker.sock:ro");
        assertThat((List<String>) alloy.get("command")).contains("/etc/alloy/config.alloy");
    }

    /** The text between the braces of the first block that starts with {@code header}. */
    private static String block(String text, String header) {
        int start = text.indexOf(header);
        assertThat(start).as(header).isNotNegative();
        int open = text.indexOf('{', start);
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            depth += text.charAt(i) == '{' ? 1 : text.charAt(i) == '}' ? -1 : 0;
            if (depth == 0) {
                return text.substring(open + 1, i);
            }
        }
        throw new AssertionError("unclosed block " + header);
    }
}
