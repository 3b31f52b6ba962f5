package io.tabelogo.helm;

import static io.tabelogo.helm.RenderedChart.containers;
import static io.tabelogo.helm.RenderedChart.list;
import static io.tabelogo.helm.RenderedChart.map;
import static io.tabelogo.helm.RenderedChart.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every rendered object of the chart must hold: the rules a platform team checks before accepting a chart. */
class ChartPolicyTest {

    private static final Set<String> SERVICES =
            Set.of("auth-service", "map-service", "restaurant-service", "spider-service", "gateway");

    /** The development data stores (values-dev.yaml): not services, checked by DevelopmentValuesTest. */
    private static final Set<String> DATA_STORES = Set.of("postgresql", "redis");

    private static RenderedChart chart;

    @BeforeAll
    static void render() {
        chart = RenderedChart.render();
    }

    @Test
    void lintsCleanInStrictModeWithEachShippedValuesFile() {
        var lints = Map.of(
                "values.yaml", RenderedChart.lint(List.of(RenderedChart.TEST_VALUES), Map.of()),
                "values-dev.yaml", RenderedChart.lint(List.of("values-dev.yaml"), Map.of()),
                "values-prod.yaml",
                        RenderedChart.lint(
                                List.of(RenderedChart.TEST_VALUES, "values-prod.yaml"),
                                Map.of(
                                        "postgres.host",
                                        "tabelogo.db.internal",
                                        "ingress.host",
                                        "tabelogo.example.org")));
        lints.forEach((values, lint) -> assertThat(lint.isFailed())
                .as(values + ": " + String.join("\n", lint.getMessages()))
                .isFalse());
    }

    @Test
    void statesTheKubernetesVersionsItSupportsAndRefusesAnOlderCluster() {
        // helm-java renders as Kubernetes v1.20.0: the chart's own constraint must refuse it.
        assertThatThrownBy(() -> new Helm(RenderedChart.CHART)
                        .template()
                        .withName(RenderedChart.RELEASE)
                        .withValuesFile(RenderedChart.CHART
                                .resolve(RenderedChart.TEST_VALUES)
                                .toAbsolutePath())
                        .call())
                .hasMessageContaining("chart requires kubeVersion: >=1.30.0-0")
                .hasMessageContaining("v1.20.0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tabelogo.helm.RenderedChart#everyValuesFile")
    void everyServiceGetsTheSameSetOfObjectsFromTheSharedTemplates(String values, RenderedChart chart) {
        for (String kind : List.of("Deployment", "Service", "ServiceAccount", "ConfigMap")) {
            // A service's objects carry its component label (the dashboards' ConfigMaps belong to no service).
            assertThat(chart.ofKind(kind)
                            .filter(object -> {
                                var labels = map(object, "metadata", "labels");
                                return labels.containsKey("app.kubernetes.io/component")
                                        && !DATA_STORES.contains(labels.get("app.kubernetes.io/name"));
                            })
                            .map(RenderedChart::name))
                    .as(kind)
                    .containsExactlyInAnyOrderElementsOf(SERVICES.stream()
                            .map(service -> "tabelogo-" + service)
                            .toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tabelogo.helm.RenderedChart#everyValuesFile")
    void everyContainerHasRequestsLimitsAndTheThreeProbes(String values, RenderedChart chart) {
        chart.workloads()
                .forEach(workload -> containers(workload).forEach(container -> {
                    String where = name(workload) + "/" + container.get("name");
                    for (String bound : List.of("requests", "limits")) {
                        assertThat(map(container, "resources", bound))
                                .as(where + " " + bound)
                                .containsKeys("cpu", "memory");
                    }
                    // The services' on /health/*; the development data stores' are their own clients (exec).
                    boolean service = "Deployment".equals(workload.get("kind"));
                    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                        assertThat(map(container, probe, service ? "httpGet" : "exec"))
                                .as(where + " " + probe)
                                .containsKeys(service ? new String[] {"path", "port"} : new String[] {"command"});
                    }
                    if (service) {
                        assertThat(map(container, "livenessProbe", "httpGet").get("path"))
                                .isEqualTo("/health/liveness");
                        assertThat(map(container, "readinessProbe", "httpGet").get("path"))
                                .isEqualTo("/health/readiness");
                    }
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tabelogo.helm.RenderedChart#everyValuesFile")
    void theGatewaysProbesUseItsManagementPortNeverThePublicOne(String values, RenderedChart chart) {
        Map<String, Object> gateway = chart.named("Deployment", "tabelogo-gateway");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(map(containers(gateway).getFirst(), probe, "httpGet").get("port"))
                    .isEqualTo("management");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tabelogo.helm.RenderedChart#everyValuesFile")
    void podsRunAsTheRestrictedPodSecurityProfileRequires(String values, RenderedChart chart) {
        chart.workloads().forEach(deployment -> {
            Map<String, Object> pod = map(deployment, "spec", "template", "spec");
            assertThat(map(pod, "securityContext").get("runAsNonRoot"))
                    .as(name(deployment))
                    .isEqualTo(true);
            assertThat(map(pod, "securityContext", "seccompProfile").get("type"))
                    .isEqualTo("RuntimeDefault");
            assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
            for (Map<String, Object> container : containers(deployment)) {
                Map<String, Object> security = map(container, "securityContext");
                assertThat(security.get("allowPrivilegeEscalation")).isEqualTo(false);
                assertThat(security.get("readOnlyRootFilesystem")).isEqualTo(true);
                assertThat(map(security, "capabilities").get("drop")).isEqualTo(List.of("ALL"));
                // A read-only root still needs a writable /tmp for the JVM and Tomcat.
                assertThat(list(container, "volumeMounts"))
                        .anySatisfy(mount -> assertThat(mount.get("mountPath")).isEqualTo("/tmp"));
            }
        });
        chart.ofKind("ServiceAccount")
                .forEach(account ->
                        assertThat(account.get("automountServiceAccountToken")).isEqualTo(false));
    }

    @Test
    void imagesAreTaggedWithTheChartsAppVersionAndLatestIsRefused() {
        chart.ofKind("Deployment")
                .forEach(deployment -> containers(deployment)
                        .forEach(container -> assertThat((String) container.get("image"))
                                .isEqualTo("ghcr.io/tabelogo/" + container.get("name") + ":0.1.0")));

        assertThatThrownBy(() -> RenderedChart.renderWith("image.tag", "latest"))
                .hasMessageContaining("image.tag must name a build");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tabelogo.helm.RenderedChart#everyValuesFile")
    void rolloutsNeverRemoveAReadyPodBeforeItsReplacementIsReadyAndShutdownsDrain(String values, RenderedChart chart) {
        chart.ofKind("Deployment").forEach(deployment -> {
            assertThat(map(deployment, "spec", "strategy", "rollingUpdate"))
                    .as(name(deployment))
                    .containsEntry("maxUnavailable", 0)
                    .containsEntry("maxSurge", 1);
            Map<String, Object> pod = map(deployment, "spec", "template", "spec");
            int preStop = (int) map(containers(deployment).getFirst(), "lifecycle", "preStop", "sleep")
                    .get("seconds");
            // The grace period covers preStop and Spring Boot's shutdown phase, as the ConfigMap sets it.
            String shutdownPhase = (String) map(chart.named("ConfigMap", name(deployment)), "data")
                    .get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE");
            int shutdown = Integer.parseInt(shutdownPhase.replace("s", ""));
            assertThat((int) pod.get("terminationGracePeriodSeconds")).isGreaterThan(preStop + shutdown);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tabelogo.helm.RenderedChart#everyValuesFile")
    void eachServiceSelectsAPodTemplateAndTargetsPortsItsContainersName(String values, RenderedChart chart) {
        chart.ofKind("Service").forEach(service -> {
            Map<String, Object> selector = map(service, "spec", "selector");
            List<Map<String, Object>> selected = chart.workloads()
                    .filter(deployment -> map(deployment, "spec", "template", "metadata", "labels")
                            .entrySet()
                            .containsAll(selector.entrySet()))
                    .toList();
            assertThat(selected).as(name(service) + " selects one pod template").hasSize(1);
            Set<Object> containerPorts = containers(selected.getFirst()).stream()
                    .flatMap(container -> list(container, "ports").stream())
                    .map(port -> port.get("name"))
                    .collect(Collectors.toSet());
            for (Map<String, Object> port : list(service, "spec", "ports")) {
                assertThat(containerPorts).as(name(service)).contains(port.get("targetPort"));
                assertThat((String) port.get("name")).hasSizeLessThanOrEqualTo(15);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tabelogo.helm.RenderedChart#everyValuesFile")
    void everyDeploymentOfMoreThanOneReplicaHasADisruptionBudgetAndAnAutoscaler(String values, RenderedChart chart) {
        chart.ofKind("Deployment").forEach(deployment -> {
            String name = name(deployment);
            var scalers = Stream.concat(chart.ofKind("HorizontalPodAutoscaler"), chart.ofKind("ScaledObject"))
                    .filter(scaler ->
                            name.equals(map(scaler, "spec", "scaleTargetRef").get("name")))
                    .toList();
            Object fixed = map(deployment, "spec").get("replicas");
            // Without a replica count of its own, an autoscaler decides (at least minReplicas).
            int replicas = fixed != null
                    ? (int) fixed
                    : scalers.stream()
                            .mapToInt(scaler -> (int) map(scaler, "spec")
                                    .getOrDefault(
                                            "minReplicas", map(scaler, "spec").getOrDefault("minReplicaCount", 1)))
                            .min()
                            .orElseThrow(() -> new AssertionError(name + ": no replica count and no autoscaler"));
            boolean budgeted = chart.ofKind("PodDisruptionBudget")
                    .anyMatch(pdb -> map(pdb, "spec", "selector", "matchLabels")
                            .equals(map(deployment, "spec", "selector", "matchLabels")));
            assertThat(budgeted)
                    .as(name + " (" + replicas + " replicas) has a PodDisruptionBudget")
                    .isEqualTo(replicas > 1);
            if (replicas > 1) {
                assertThat(scalers).as(name + " has an autoscaler").isNotEmpty();
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tabelogo.helm.RenderedChart#everyValuesFile")
    void theJvmSizesItsHeapFromTheContainersLimitNotAFixedHeap(String values, RenderedChart chart) {
        chart.ofKind("Deployment")
                .forEach(deployment -> containers(deployment).forEach(container -> {
                    String options = list(container, "env").stream()
                            .filter(variable -> "JAVA_TOOL_OPTIONS".equals(variable.get("name")))
                            .map(variable -> (String) variable.get("value"))
                            .findFirst()
                            .orElseThrow();
                    assertThat(options).contains("-XX:MaxRAMPercentage=").doesNotContain("-Xmx");
                }));
    }
}
