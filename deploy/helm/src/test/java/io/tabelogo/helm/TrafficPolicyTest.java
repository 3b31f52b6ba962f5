package io.tabelogo.helm;

import static io.tabelogo.helm.RenderedChart.list;
import static io.tabelogo.helm.RenderedChart.map;
import static io.tabelogo.helm.RenderedChart.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may talk to whom: only the gateway is reachable from outside the release, through an Ingress or an HTTPRoute,
 * and the NetworkPolicies deny everything but the calls the architecture has.
 */
class TrafficPolicyTest {

    /** The calls between services (caller, callee, port name), as in docs/architecture.md "Who calls whom". */
    private static final List<List<String>> CALLS = List.of(
            List.of("gateway", "auth-service", "http"),
            List.of("gateway", "map-service", "http"),
            List.of("gateway", "restaurant-service", "http"),
            List.of("gateway", "spider-service", "http"),
            List.of("restaurant-service", "map-service", "grpc"),
            List.of("restaurant-service", "auth-service", "http"),
            List.of("map-service", "auth-service", "http"),
            List.of("spider-service", "auth-service", "http"));

    private static final Map<String, Integer> PORTS = Map.of(
            "auth-service/http", 8080,
            "map-service/http", 8081,
            "map-service/grpc", 19083,
            "restaurant-service/http", 18082,
            "spider-service/http", 18084);

    private static RenderedChart chart;

    @BeforeAll
    static void render() {
        chart = RenderedChart.render();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tabelogo.helm.RenderedChart#everyValuesFile")
    void aDefaultDenyPolicyCoversEveryPodOfTheRelease(String values, RenderedChart chart) {
        Map<String, Object> deny = policy(chart, "tabelogo-default-deny");

        assertThat(map(deny, "spec")).doesNotContainKeys("ingress", "egress");
        assertThat(map(deny, "spec").get("policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
        Map<String, Object> selector = map(deny, "spec", "podSelector", "matchLabels");
        chart.workloads()
                .forEach(deployment -> assertThat(map(deployment, "spec", "template", "metadata", "labels"))
                        .as(name(deployment))
                        .containsAllEntriesOf(selector));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tabelogo.helm.RenderedChart#everyValuesFile")
    void everyCallOfTheArchitectureIsAllowedOnBothEndsAndNothingElseBetweenServices(
            String values, RenderedChart chart) {
        for (List<String> call : CALLS) {
            String caller = call.get(0), callee = call.get(1), port = call.get(2);
            assertThat(list(policy(chart, "tabelogo-" + caller), "spec", "egress"))
                    .as(caller + " may call " + callee + " on " + port)
                    .anySatisfy(rule -> assertAllows(rule, "to", callee, PORTS.get(callee + "/" + port)));
            assertThat(list(policy(chart, "tabelogo-" + callee), "spec", "ingress"))
                    .as(callee + " admits " + caller + " on " + port)
                    .anySatisfy(rule -> assertAllows(rule, "from", caller, port));
        }
        // No pair of services beyond those calls (the development data stores' own policies: DevelopmentValuesTest).
        long serviceToServiceRules = chart.ofKind("NetworkPolicy")
                .filter(policy ->
                        !List.of("tabelogo-postgresql", "tabelogo-redis").contains(name(policy)))
                .flatMap(policy -> list(policy, "spec", "ingress").stream())
                .filter(rule -> list(rule, "from").stream()
                        .anyMatch(
                                peer -> map(peer, "podSelector", "matchLabels").containsKey("app.kubernetes.io/name")))
                .count();
        assertThat(serviceToServiceRules).isEqualTo(CALLS.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tabelogo.helm.RenderedChart#everyValuesFile")
    void onlyTheGatewayAdmitsTheIngressControllerAndOnlyOnItsPublicPort(String values, RenderedChart chart) {
        chart.ofKind("NetworkPolicy").forEach(policy -> {
            boolean admitsController = list(policy, "spec", "ingress").stream()
                    .anyMatch(rule -> list(rule, "from").stream()
                            .anyMatch(peer -> "ingress-nginx"
                                    .equals(map(peer, "namespaceSelector", "matchLabels")
                                            .get("kubernetes.io/metadata.name"))));
            assertThat(admitsController).as(name(policy)).isEqualTo(name(policy).equals("tabelogo-gateway"));
        });
    }

    @Test
    void noRuleOpensToEveryoneAndOnlyTheScrapersReachTheOutsideWorldOverHttps() {
        chart.ofKind("NetworkPolicy").forEach(policy -> {
            list(policy, "spec", "ingress")
                    .forEach(rule ->
                            assertThat(list(rule, "from")).as(name(policy)).isNotEmpty());
            list(policy, "spec", "egress").forEach(rule -> {
                assertThat(list(rule, "to")).as(name(policy)).isNotEmpty();
                boolean toTheWorld = list(rule, "to").stream()
                        .anyMatch(
                                peer -> "0.0.0.0/0".equals(map(peer, "ipBlock").get("cidr")));
                if (toTheWorld) {
                    assertThat(name(policy)).isIn("tabelogo-map-service", "tabelogo-spider-service");
                    assertThat(list(rule, "ports"))
                            .extracting(port -> port.get("port"))
                            .containsExactly(443);
                }
            });
        });
        assertThatThrownBy(() -> RenderedChart.renderWith("networkPolicy.postgres.to", "null"))
                .hasMessageContaining("networkPolicy.postgres.to must name where it is");
    }

    @Test
    void theGatewayIsExposedByAnIngressOrAnHttpRouteNeverBoth() {
        assertThat(chart.ofKind("Ingress")).singleElement().satisfies(ingress -> {
            assertThat(map(ingress, "spec").get("ingressClassName")).isEqualTo("nginx");
            assertThat(map(
                            list(list(ingress, "spec", "rules").getFirst(), "http", "paths")
                                    .getFirst(),
                            "backend"))
                    .isEqualTo(Map.of("service", Map.of("name", "tabelogo-gateway", "port", Map.of("name", "http"))));
        });
        assertThat(chart.ofKind("HTTPRoute")).isEmpty();

        RenderedChart tls = RenderedChart.renderWith(Map.of(
                "ingress.host", "tabelogo.example.org",
                "ingress.tls.secretName", "tabelogo-tls",
                "ingress.certManager.clusterIssuer", "letsencrypt"));
        Map<String, Object> ingress = tls.ofKind("Ingress").findFirst().orElseThrow();
        assertThat(map(ingress, "metadata", "annotations"))
                .containsEntry("cert-manager.io/cluster-issuer", "letsencrypt");
        assertThat(list(ingress, "spec", "tls"))
                .containsExactly(Map.of("hosts", List.of("tabelogo.example.org"), "secretName", "tabelogo-tls"));

        RenderedChart route = RenderedChart.renderWith(Map.of(
                "ingress.enabled", false,
                "gatewayApi.enabled", true,
                "gatewayApi.parentRefs[0].name", "public"));
        assertThat(route.ofKind("Ingress")).isEmpty();
        assertThat(route.ofKind("HTTPRoute"))
                .singleElement()
                .satisfies(httpRoute -> assertThat(
                                list(list(httpRoute, "spec", "rules").getFirst(), "backendRefs"))
                        .containsExactly(Map.of("name", "tabelogo-gateway", "port", 8000)));

        assertThatThrownBy(() -> RenderedChart.renderWith(
                        Map.of("gatewayApi.enabled", true, "gatewayApi.parentRefs[0].name", "public")))
                .hasMessageContaining("alternatives");
    }

    @Test
    void eachServiceScalesOnCpuAndMemoryAndKeepsAPodThroughADrain() {
        chart.ofKind("Deployment").forEach(deployment -> {
            assertThat(map(deployment, "spec")).as(name(deployment)).doesNotContainKey("replicas");
            Map<String, Object> hpa = chart.named("HorizontalPodAutoscaler", name(deployment));
            assertThat(map(hpa, "spec", "scaleTargetRef").get("name")).isEqualTo(name(deployment));
            assertThat(list(hpa, "spec", "metrics"))
                    .extracting(metric -> map(metric, "resource").get("name"))
                    .containsExactly("cpu", "memory");
            assertThat(map(hpa, "spec", "behavior", "scaleDown").get("stabilizationWindowSeconds"))
                    .isEqualTo(300);
            assertThat(map(chart.named("PodDisruptionBudget", name(deployment)), "spec", "selector", "matchLabels"))
                    .isEqualTo(map(deployment, "spec", "selector", "matchLabels"));
        });

        RenderedChart single = RenderedChart.renderWith(
                Map.of("services.spider-service.autoscaling.enabled", false, "services.spider-service.replicas", 1));
        assertThat(single.ofKind("PodDisruptionBudget").map(RenderedChart::name))
                .doesNotContain("tabelogo-spider-service");
        assertThat(single.ofKind("HorizontalPodAutoscaler").map(RenderedChart::name))
                .doesNotContain("tabelogo-spider-service");
    }

    @Test
    void spiderServiceScalesOnItsQueueWithKedaWhenTheClusterHasIt() {
        // helm-java's cluster has no KEDA API: "auto" falls back to the CPU autoscaler (checked above).
        assertThat(chart.ofKind("ScaledObject")).isEmpty();

        RenderedChart keda = RenderedChart.renderWith("services.spider-service.keda.enabled", true);

        Map<String, Object> scaledObject =
                keda.ofKind("ScaledObject").findFirst().orElseThrow();
        assertThat(keda.ofKind("ScaledObject")).hasSize(1);
        assertThat(map(scaledObject, "spec", "scaleTargetRef").get("name")).isEqualTo("tabelogo-spider-service");
        assertThat(list(scaledObject, "spec", "triggers"))
                .anySatisfy(trigger -> {
                    assertThat(trigger.get("type")).isEqualTo("prometheus");
                    assertThat(map(trigger, "metadata").get("query"))
                            .isEqualTo("max(spider_job_queue_length{service=\"spider-service\"})");
                })
                .anySatisfy(trigger -> assertThat(trigger.get("type")).isEqualTo("cpu"));
        // KEDA makes the spider's HPA itself; the other services keep theirs.
        assertThat(keda.ofKind("HorizontalPodAutoscaler").map(RenderedChart::name))
                .hasSize(4)
                .doesNotContain("tabelogo-spider-service");
    }

    /** The rule's peers ({@code to} or {@code from}) include {@code service}'s pods, and its ports {@code port}. */
    private static void assertAllows(Map<String, Object> rule, String peers, String service, Object port) {
        assertThat(list(rule, peers))
                .anySatisfy(peer -> assertThat(map(peer, "podSelector", "matchLabels"))
                        .containsEntry("app.kubernetes.io/name", service));
        assertThat(list(rule, "ports"))
                .anySatisfy(p -> assertThat(p.get("port")).isEqualTo(port));
    }

    private static Map<String, Object> policy(RenderedChart chart, String name) {
        return chart.named("NetworkPolicy", name);
    }
}
