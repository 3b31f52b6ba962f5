package io.tabelogo.helm;

import static io.tabelogo.helm.RenderedChart.list;
import static io.tabelogo.helm.RenderedChart.map;
import static io.tabelogo.helm.RenderedChart.name;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart's rules and dashboards are the shipped files Compose uses (files/ links to deploy/observability), and
 * reach the cluster as a PrometheusRule, dashboard ConfigMaps and a ServiceMonitor per service.
 */
class ObservabilityTest {

    private static final Path SHIPPED = Path.of("..", "observability");

    @Test
    void theChartsRulesAndDashboardsAreTheShippedFilesNotCopies() throws Exception {
        assertThat(RenderedChart.CHART.resolve("files/prometheus/rules")).isSymbolicLink();
        assertThat(RenderedChart.CHART.resolve("files/prometheus/rules").toRealPath())
                .isEqualTo(SHIPPED.resolve("prometheus/rules").toRealPath());
        assertThat(RenderedChart.CHART.resolve("files/grafana/dashboards")).isSymbolicLink();
        assertThat(RenderedChart.CHART.resolve("files/grafana/dashboards").toRealPath())
                .isEqualTo(SHIPPED.resolve("grafana/dashboards").toRealPath());
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePrometheusRuleHoldsExactlyTheShippedGroups() throws Exception {
        RenderedChart chart = RenderedChart.renderWith("monitoring.prometheusRule.enabled", true);

        Map<String, Object> shipped =
                new Yaml(new LoaderOptions()).load(Files.readString(SHIPPED.resolve("prometheus/rules/tabelogo.yml")));
        Map<String, Object> rule = chart.ofKind("PrometheusRule").findFirst().orElseThrow();
        assertThat(map(rule, "spec").get("groups")).isEqualTo(shipped.get("groups"));
        assertThat((List<Object>) shipped.get("groups")).isNotEmpty();
    }

    @Test
    void everyShippedDashboardBecomesAConfigMapForGrafanasSidecarByteForByte() throws Exception {
        RenderedChart chart = RenderedChart.render();
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(SHIPPED.resolve("grafana/dashboards"))) {
            dashboards = files.filter(file -> file.toString().endsWith(".json")).toList();
        }
        assertThat(dashboards).isNotEmpty();

        for (Path dashboard : dashboards) {
            String file = dashboard.getFileName().toString();
            Map<String, Object> configMap = chart.ofKind("ConfigMap")
                    .filter(object -> map(object, "data").containsKey(file))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no ConfigMap for " + file));
            assertThat(map(configMap, "metadata", "labels")).containsEntry("grafana_dashboard", "1");
            assertThat(((String) map(configMap, "data").get(file)).strip())
                    .isEqualTo(Files.readString(dashboard).strip());
        }
    }

    @Test
    void aServiceMonitorPerServiceScrapesItsMetricsPortKeepingTheServicesOwnLabel() {
        // helm-java's cluster has no Prometheus Operator API: "auto" renders none.
        assertThat(RenderedChart.render().ofKind("ServiceMonitor")).isEmpty();

        RenderedChart chart = RenderedChart.renderWith("monitoring.serviceMonitor.enabled", true);

        assertThat(chart.ofKind("ServiceMonitor")).hasSize(5).allSatisfy(monitor -> {
            Map<String, Object> endpoint = list(monitor, "spec", "endpoints").getFirst();
            assertThat(endpoint.get("path")).isEqualTo("/metrics");
            assertThat(endpoint.get("honorLabels")).isEqualTo(true);
            assertThat(endpoint.get("port"))
                    .isEqualTo(name(monitor).equals("tabelogo-gateway") ? "management" : "http");
        });
    }
}
