package io.tabelogo.helm;

import static io.tabelogo.helm.RenderedChart.containers;
import static io.tabelogo.helm.RenderedChart.list;
import static io.tabelogo.helm.RenderedChart.map;
import static io.tabelogo.helm.RenderedChart.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** values-prod.yaml: managed data stores over TLS, more replicas, HTTPS at the edge, no secret. */
class ProductionValuesTest {

    @Test
    void rendersManagedDataStoresOverTlsMoreReplicasAndHttps() {
        RenderedChart prod = RenderedChart.renderExactly(
                List.of(RenderedChart.TEST_VALUES, "values-prod.yaml"),
                Map.of("postgres.host", "tabelogo.db.internal", "ingress.host", "tabelogo.example.org"));

        prod.ofKind("ConfigMap")
                .filter(configMap -> map(configMap, "data").containsKey("TABELOGO_DB_URL"))
                .forEach(configMap -> assertThat((String) map(configMap, "data").get("TABELOGO_DB_URL"))
                        .startsWith("jdbc:postgresql://tabelogo.db.internal:5432/")
                        .endsWith("?sslmode=verify-full&sslrootcert=/etc/tabelogo/postgres-ca/ca.pem"));
        // The provider's CA bundle, from the ConfigMap the install makes, where the URL says: for the services with a
        // database only.
        prod.ofKind("Deployment").forEach(deployment -> {
            boolean database =
                    map(prod.named("ConfigMap", name(deployment)), "data").containsKey("TABELOGO_DB_URL");
            Map<String, Object> pod = map(deployment, "spec", "template", "spec");
            assertThat(list(pod, "volumes").stream()
                            .anyMatch(volume -> Map.of(
                                            "name",
                                            "tabelogo-postgres-ca",
                                            "items",
                                            List.of(Map.of("key", "ca.pem", "path", "ca.pem")))
                                    .equals(map(volume, "configMap"))))
                    .as(name(deployment))
                    .isEqualTo(database);
            assertThat(list(containers(deployment).getFirst(), "volumeMounts")
                            .contains(Map.of(
                                    "name",
                                    "postgres-ca",
                                    "mountPath",
                                    "/etc/tabelogo/postgres-ca/",
                                    "readOnly",
                                    true)))
                    .isEqualTo(database);
        });
        assertThatThrownBy(() -> RenderedChart.renderExactly(
                        List.of(RenderedChart.TEST_VALUES, "values-prod.yaml"),
                        Map.of(
                                "postgres.host", "tabelogo.db.internal",
                                "ingress.host", "tabelogo.example.org",
                                "postgres.parameters", "sslmode=require")))
                .hasMessageContaining("choose one");
        prod.ofKind("HorizontalPodAutoscaler")
                .forEach(hpa ->
                        assertThat((int) map(hpa, "spec").get("minReplicas")).isGreaterThanOrEqualTo(3));
        prod.ofKind("Deployment")
                .forEach(deployment -> assertThat(map(containers(deployment).getFirst(), "resources", "limits"))
                        .containsEntry("memory", "768Mi"));
        Map<String, Object> ingress = prod.ofKind("Ingress").findFirst().orElseThrow();
        assertThat(list(ingress, "spec", "tls"))
                .containsExactly(Map.of("hosts", List.of("tabelogo.example.org"), "secretName", "tabelogo-tls"));
        prod.ofKind("NetworkPolicy")
                .filter(policy -> !name(policy).endsWith("default-deny"))
                .forEach(policy -> assertThat(list(policy, "spec", "egress").toString())
                        .doesNotContain("app.kubernetes.io/name=postgresql"));
    }

    @Test
    void aProductionInstallMustNameItsDatabaseAndItsPublicHost() {
        assertThatThrownBy(() -> RenderedChart.renderExactly(
                        List.of(RenderedChart.TEST_VALUES, "values-prod.yaml"),
                        Map.of("ingress.host", "tabelogo.example.org")))
                .hasMessageContaining("postgres.host");
        assertThatThrownBy(() -> RenderedChart.renderExactly(
                        List.of(RenderedChart.TEST_VALUES, "values-prod.yaml"),
                        Map.of("postgres.host", "tabelogo.db.internal")))
                .hasMessageContaining("ingress.tls.secretName needs ingress.host");
    }
}
