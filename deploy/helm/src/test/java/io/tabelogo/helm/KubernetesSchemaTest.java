package io.tabelogo.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every object the chart renders, validated against the Kubernetes API's schemas by kube-schema/check.mjs (the
 * models of the npm package kubernetes-models, generated from the Kubernetes OpenAPI specification of a release
 * within the chart's kubeVersion range): JSON Schema validation, and TypeScript's check of the same objects against
 * the generated interfaces, which refuses any field the API does not have.
 */
class KubernetesSchemaTest {

    private static final Path CHECKER = Path.of("kube-schema");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyRenderedObjectIsValidForTheKubernetesApi() throws Exception {
        List<Map<String, Object>> objects =
                new ArrayList<>(RenderedChart.render().all());
        // The switches' other sides: TLS and cert-manager on the Ingress, the Gateway API route, fixed replicas.
        objects.addAll(RenderedChart.renderWith(Map.of(
                        "ingress.host", "tabelogo.example.org",
                        "ingress.tls.secretName", "tabelogo-tls",
                        "ingress.certManager.clusterIssuer", "letsencrypt"))
                .ofKind("Ingress")
                .toList());
        objects.addAll(RenderedChart.renderWith(Map.of(
                        "ingress.enabled",
                        false,
                        "gatewayApi.enabled",
                        true,
                        "gatewayApi.parentRefs[0].name",
                        "public",
                        "gatewayApi.hostnames[0]",
                        "tabelogo.example.org"))
                .ofKind("HTTPRoute")
                .toList());
        objects.addAll(RenderedChart.renderExactly(
                        List.of(RenderedChart.TEST_VALUES, "values-prod.yaml"),
                        Map.of("postgres.host", "tabelogo.db.internal", "ingress.host", "tabelogo.example.org"))
                .all());
        objects.addAll(RenderedChart.renderExactly(List.of("values-dev.yaml"), Map.of())
                .all());
        // The Secrets dev-secrets.sh prints for values-dev.yaml.
        objects.addAll(DevSecrets.run().objects());
        objects.addAll(RenderedChart.renderWith(
                        Map.of("monitoring.serviceMonitor.enabled", true, "monitoring.prometheusRule.enabled", true))
                .all()
                .stream()
                .filter(object -> List.of("ServiceMonitor", "PrometheusRule").contains(object.get("kind")))
                .toList());
        objects.addAll(RenderedChart.renderWith(Map.of(
                        "externalSecrets.enabled", true, "externalSecrets.secretStoreRef.name", "aws-secrets-manager"))
                .ofKind("ExternalSecret")
                .toList());
        objects.addAll(RenderedChart.renderWith("services.spider-service.keda.enabled", true)
                .ofKind("ScaledObject")
                .toList());
        objects.addAll(RenderedChart.renderWith("serviceDefaults.autoscaling.enabled", false)
                .ofKind("Deployment")
                .toList());
        // Production's canaries: Rollouts, their AnalysisTemplate, the autoscalers aimed at the Rollouts.
        objects.addAll(RenderedChart.renderExactly(
                        List.of(RenderedChart.TEST_VALUES, "values-prod.yaml"),
                        Map.of(
                                "postgres.host", "tabelogo.db.internal",
                                "ingress.host", "tabelogo.example.org",
                                "rollouts.enabled", true))
                .all()
                .stream()
                .filter(object -> List.of("Rollout", "AnalysisTemplate", "HorizontalPodAutoscaler")
                        .contains(object.get("kind")))
                .toList());
        objects.addAll(
                RenderedChart.renderWith(Map.of("rollouts.enabled", true, "services.spider-service.keda.enabled", true))
                        .ofKind("ScaledObject")
                        .toList());

        JsonNode results = check(objects);

        assertThat(results).hasSize(objects.size());
        for (JsonNode result : results) {
            assertThat(result.path("errors"))
                    .as(result.path("kind").asString() + " "
                            + result.path("name").asString())
                    .isEmpty();
        }
    }

    @Test
    void theCheckerRefusesAMisspeltFieldAWrongTypeAndAnUnknownKind() throws Exception {
        Map<String, Object> deployment =
                RenderedChart.render().ofKind("Deployment").findFirst().orElseThrow();
        Map<String, Object> misspelt = copyWithSpec(deployment, "replica", 2);
        Map<String, Object> wrongType = copyWithSpec(deployment, "replicas", "two");
        Map<String, Object> unknownKind = Map.of("apiVersion", "example.com/v1", "kind", "Thing");

        JsonNode results = check(List.of(deployment, misspelt, wrongType, unknownKind));

        assertThat(results.get(0).path("errors")).isEmpty();
        assertThat(results.get(1).path("errors").toString()).contains("replica");
        assertThat(results.get(2).path("errors").toString()).contains("must be integer");
        assertThat(results.get(3).path("errors").toString()).contains("no schema for apiVersion example.com/v1");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copyWithSpec(Map<String, Object> object, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(object);
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) object.get("spec"));
        spec.put(key, value);
        copy.put("spec", spec);
        return copy;
    }

    private static JsonNode check(List<Map<String, Object>> objects) throws IOException, InterruptedException {
        assertThat(CHECKER.resolve("node_modules/kubernetes-models"))
                .as(
                        "run the build (./mvnw verify), whose npm ci installs the checker's models into deploy/helm/kube-schema")
                .isDirectory();
        Process node = new ProcessBuilder("node", "check.mjs")
                .directory(CHECKER.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        node.getOutputStream().write(JSON.writeValueAsBytes(new ArrayList<>(objects)));
        node.getOutputStream().close();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        return JSON.readTree(output);
    }
}
