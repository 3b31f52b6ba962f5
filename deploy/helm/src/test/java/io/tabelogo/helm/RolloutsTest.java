package io.tabelogo.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * rollouts.enabled: every service an Argo Rollouts canary instead of a Deployment, with the very same pods, judged by
 * one AnalysisTemplate on the platform's recording rules, its autoscaler and disruption budget following it.
 */
class RolloutsTest {

    private static final Map<String, Object> PROD =
            Map.of("postgres.host", "tabelogo.db.internal", "ingress.host", "tabelogo.example.org");

    private final RenderedChart deployments =
            RenderedChart.renderExactly(List.of(RenderedChart.TEST_VALUES, "values-prod.yaml"), PROD);
    private final RenderedChart canaries = RenderedChart.renderExactly(
            List.of(RenderedChart.TEST_VALUES, "values-prod.yaml"),
            Map.of(
                    "postgres.host",
                    "tabelogo.db.internal",
                    "ingress.host",
                    "tabelogo.example.org",
                    "rollouts.enabled",
                    true));

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceBecomesACanaryRolloutOfTheSamePods() {
        assertThat(canaries.ofKind("Deployment")).isEmpty();
        List<Map<String, Object>> rollouts = canaries.ofKind("Rollout").toList();
        assertThat(rollouts).hasSameSizeAs(deployments.ofKind("Deployment").toList());
        for (Map<String, Object> rollout : rollouts) {
            String name = RenderedChart.name(rollout);
            Map<String, Object> spec = (Map<String, Object>) rollout.get("spec");
            Map<String, Object> deploymentSpec =
                    (Map<String, Object>) deployments.named("Deployment", name).get("spec");
            assertThat(spec.get("template")).as(name).isEqualTo(deploymentSpec.get("template"));
            assertThat(spec.get("selector")).isEqualTo(deploymentSpec.get("selector"));

            Map<String, Object> canary =
                    (Map<String, Object>) ((Map<String, Object>) spec.get("strategy")).get("canary");
            assertThat(canary).containsEntry("maxUnavailable", 0).containsEntry("maxSurge", 1);
            assertThat((List<Object>) canary.get("steps")).isNotEmpty();
            Map<String, Object> analysis = (Map<String, Object>) canary.get("analysis");
            String template = (String) ((List<Map<String, Object>>) analysis.get("templates"))
                    .getFirst()
                    .get("templateName");
            assertThat(canaries.named("AnalysisTemplate", template)).isNotNull();
            String service = name.substring("tabelogo-".length());
            assertThat((List<Map<String, Object>>) analysis.get("args"))
                    .containsExactly(Map.of("name", "service", "value", service));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAutoscalersAimAtTheRolloutsAndEachHasADisruptionBudget() {
        for (Map<String, Object> hpa :
                canaries.ofKind("HorizontalPodAutoscaler").toList()) {
            Map<String, Object> target =
                    (Map<String, Object>) ((Map<String, Object>) hpa.get("spec")).get("scaleTargetRef");
            assertThat(target)
                    .containsEntry("apiVersion", "argoproj.io/v1alpha1")
                    .containsEntry("kind", "Rollout");
            assertThat(canaries.named("Rollout", (String) target.get("name"))).isNotNull();
        }
        canaries.ofKind("Rollout")
                .forEach(rollout -> assertThat(canaries.named("PodDisruptionBudget", RenderedChart.name(rollout)))
                        .isNotNull());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAnalysisJudgesOnTheRecordingRulesWithOneNumberPerQuery() {
        Map<String, Object> template =
                canaries.ofKind("AnalysisTemplate").findFirst().orElseThrow();
        List<Map<String, Object>> metrics =
                (List<Map<String, Object>>) ((Map<String, Object>) template.get("spec")).get("metrics");
        assertThat(metrics)
                .extracting(metric -> metric.get("name"))
                .containsExactly("error-ratio", "p95-latency-seconds", "gateway-error-budget-burn");
        for (Map<String, Object> metric : metrics) {
            Map<String, Object> prometheus =
                    (Map<String, Object>) ((Map<String, Object>) metric.get("provider")).get("prometheus");
            assertThat((String) prometheus.get("query"))
                    .containsAnyOf(
                            "service:http_error_ratio:rate5m",
                            "service:http_latency_seconds:p95_5m",
                            "gateway:http_error_ratio:rate5m")
                    .endsWith("or vector(0)");
            assertThat((String) metric.get("successCondition")).startsWith("result[0]");
            assertThat(metric).containsEntry("failureLimit", 1);
        }
        assertThat(deployments.ofKind("AnalysisTemplate")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySeriesTheAnalysisReadsIsARecordingRuleTheChartShips() throws Exception {
        String rules =
                java.nio.file.Files.readString(RenderedChart.CHART.resolve("files/prometheus/rules/tabelogo.yml"));
        Map<String, Object> template =
                canaries.ofKind("AnalysisTemplate").findFirst().orElseThrow();
        for (Map<String, Object> metric :
                (List<Map<String, Object>>) ((Map<String, Object>) template.get("spec")).get("metrics")) {
            String query =
                    (String) ((Map<String, Object>) ((Map<String, Object>) metric.get("provider")).get("prometheus"))
                            .get("query");
            java.util.regex.Matcher recorded = java.util.regex.Pattern.compile("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+")
                    .matcher(query);
            assertThat(recorded.find()).as(query).isTrue();
            do {
                assertThat(rules).as(query).contains("- record: " + recorded.group());
            } while (recorded.find());
        }
    }
}
