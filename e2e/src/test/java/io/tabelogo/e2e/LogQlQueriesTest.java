package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Loki cannot run here, so the dashboards' LogQL (and the query of Jaeger's link to logs) is parsed with the grammar Grafana's own query editor uses
 * ({@code @grafana/lezer-logql}, installed into {@code e2e/logql} by the build), Grafana's variables replaced as
 * Grafana would. A broken query is added on purpose: the checker must flag it, or it checks nothing.
 */
class LogQlQueriesTest {

    private static final Path CHECKER = Path.of("logql");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BROKEN = "sum by (service) (count_over_time({container=~\"tabelogo-.*\"} [1m]";

    @Test
    void everyLogQlQueryOfTheDashboardsAndOfJaegersLogLinkParses() throws IOException, InterruptedException {
        List<ShippedQueries.DashboardQuery> queries = ShippedQueries.dashboardQueries().stream()
                .filter(query ->
                        query.datasourceType().equals("loki") && !query.panel().startsWith("variable "))
                .toList();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(5);
        List<String> texts = new ArrayList<>();
        queries.forEach(query -> texts.add(forLoki(query.expr())));
        // Jaeger's span → logs query, as Grafana fills it in for a span ($$ is a provisioning-file escape).
        texts.add(((String) GrafanaProvisioningTest.tracesToLogs(GrafanaProvisioningTest.dataSources())
                        .get("query"))
                .replace("$${__span.traceId}", "4bf92f3577b34da6a3ce929d0e0e4736"));
        texts.add(BROKEN);

        JsonNode results = check(texts);

        assertThat(results).hasSize(texts.size());
        for (JsonNode result : results) {
            String query = result.path("query").asString();
            if (query.equals(BROKEN)) {
                assertThat(result.path("errorsAt"))
                        .as("the checker flags a broken query")
                        .isNotEmpty();
            } else {
                assertThat(result.path("errorsAt"))
                        .as("syntax errors (offsets) in " + query)
                        .isEmpty();
            }
        }
    }

    /** What Grafana sends Loki: its interval and the variable with every service selected. */
    private static String forLoki(String expr) {
        return expr.replace("$__auto", "1m").replace("$__interval", "1m").replace("$service", ".*");
    }

    private static JsonNode check(List<String> queries) throws IOException, InterruptedException {
        assertThat(CHECKER.resolve("node_modules/@grafana/lezer-logql"))
                .as("run the build (./mvnw verify), whose npm ci installs the LogQL grammar into e2e/logql")
                .isDirectory();
        Process node = new ProcessBuilder("node", "check.mjs")
                .directory(CHECKER.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        node.getOutputStream().write(JSON.writeValueAsBytes(queries));
        node.getOutputStream().close();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        return JSON.readTree(output);
    }
}
