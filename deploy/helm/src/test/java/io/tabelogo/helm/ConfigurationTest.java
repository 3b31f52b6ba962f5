package io.tabelogo.helm;

import static io.tabelogo.helm.RenderedChart.containers;
import static io.tabelogo.helm.RenderedChart.list;
import static io.tabelogo.helm.RenderedChart.map;
import static io.tabelogo.helm.RenderedChart.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** How each service learns where everything is (ConfigMaps) and gets its secrets (files from a named Secret). */
class ConfigurationTest {

    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|secret|api_?key|credential|private_?key|clients).*");
    private static final Pattern URL_WITH_CREDENTIALS = Pattern.compile("^[a-z]+://[^/@]*@.*");

    private static RenderedChart chart;

    @BeforeAll
    static void render() {
        chart = RenderedChart.render();
    }

    @Test
    void secretsAreMountedAsFilesFromTheNamedSecretAndReadByConfigtreeNeverPutInTheEnvironment() {
        chart.ofKind("Deployment").forEach(deployment -> {
            String service = name(deployment).substring("tabelogo-".length());
            Map<String, Object> volume = list(deployment, "spec", "template", "spec", "volumes").stream()
                    .filter(v -> "secrets".equals(v.get("name")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(name(deployment) + " mounts no secrets"));
            assertThat(map(volume, "secret").get("secretName")).isEqualTo("tabelogo-" + service);
            assertThat(map(volume, "secret").get("defaultMode")).isEqualTo(0440);
            assertThat(list(volume, "secret", "items"))
                    .extracting(item -> item.get("key"))
                    .contains("TABELOGO_REDIS_URL");
            Map<String, Object> container = containers(deployment).getFirst();
            assertThat(list(container, "volumeMounts"))
                    .contains(Map.of("name", "secrets", "mountPath", "/etc/tabelogo/secrets/", "readOnly", true));
            assertThat(list(container, "env")).noneMatch(variable -> variable.containsKey("valueFrom"));
            assertThat(list(container, "envFrom")).noneMatch(source -> source.containsKey("secretRef"));
            assertThat(data(name(deployment)))
                    .containsEntry("SPRING_CONFIG_IMPORT", "configtree:/etc/tabelogo/secrets/")
                    // The profile that refuses missing, development and weak secrets (platform's ProductionSecrets).
                    .containsEntry("SPRING_PROFILES_ACTIVE", "prod");
        });
    }

    @Test
    void anInstallWithoutASecretOrTheDatabaseFailsSayingWhich() {
        assertThatThrownBy(() -> RenderedChart.renderExactly(List.of(), Map.of("postgres.host", "db")))
                .hasMessageContaining("services.auth-service.secrets.existingSecret")
                .hasMessageContaining("TABELOGO_AUTH_KEY_PASSWORD");
        assertThatThrownBy(() -> RenderedChart.renderWith("postgres.host", "null"))
                .hasMessageContaining("postgres.host: where the database of auth-service is");
    }

    @Test
    void withTheExternalSecretsOperatorEachServicesSecretIsMadeFromTheStoreAndMountedTheSameWay() {
        RenderedChart operated = RenderedChart.renderExactly(
                List.of(),
                Map.of(
                        "postgres.host", "db",
                        "externalSecrets.enabled", true,
                        "externalSecrets.secretStoreRef.name", "aws-secrets-manager"));

        assertThat(operated.ofKind("ExternalSecret")).hasSize(5).allSatisfy(externalSecret -> {
            String service = name(externalSecret).substring("tabelogo-".length());
            assertThat(map(externalSecret, "spec", "secretStoreRef")).containsEntry("name", "aws-secrets-manager");
            assertThat(map(externalSecret, "spec", "target").get("name")).isEqualTo(name(externalSecret));
            assertThat(list(externalSecret, "spec", "data"))
                    .allSatisfy(
                            entry -> assertThat(map(entry, "remoteRef")).containsEntry("key", "tabelogo/" + service));
            Map<String, Object> deployment = operated.named("Deployment", name(externalSecret));
            Map<String, Object> volume = list(deployment, "spec", "template", "spec", "volumes").stream()
                    .filter(v -> "secrets".equals(v.get("name")))
                    .findFirst()
                    .orElseThrow();
            assertThat(map(volume, "secret").get("secretName")).isEqualTo(name(externalSecret));
            assertThat(list(volume, "secret", "items"))
                    .extracting(item -> item.get("key"))
                    .containsExactlyElementsOf(list(externalSecret, "spec", "data").stream()
                            .map(entry -> entry.get("secretKey"))
                            .toList());
        });
        assertThatThrownBy(() -> RenderedChart.renderExactly(
                        List.of(), Map.of("postgres.host", "db", "externalSecrets.enabled", true)))
                .hasMessageContaining("externalSecrets.secretStoreRef.name");
    }

    @Test
    void theServicesFindEachOtherTheirDatabaseAndTheCollectorByTheReleasesNames() {
        assertThat(data("tabelogo-restaurant-service"))
                .containsEntry("TABELOGO_MAP_GRPC_ADDRESS", "static://tabelogo-map-service:19083")
                .containsEntry(
                        "TABELOGO_SERVICE_TOKEN_URI", "http://tabelogo-auth-service:8080/internal/v1/service-tokens")
                .containsEntry("TABELOGO_DB_URL", "jdbc:postgresql://postgresql.tabelogo.svc:5432/tabelogo_restaurant")
                .containsEntry("TABELOGO_DB_USER", "tabelogo_restaurant")
                .containsEntry("TABELOGO_DB_ROLE", "tabelogo_restaurant");
        assertThat(data("tabelogo-gateway"))
                .containsEntry("TABELOGO_AUTH_URL", "http://tabelogo-auth-service:8080")
                .containsEntry("TABELOGO_MAP_URL", "http://tabelogo-map-service:8081")
                .containsEntry("TABELOGO_RESTAURANT_URL", "http://tabelogo-restaurant-service:18082")
                .containsEntry("TABELOGO_SPIDER_URL", "http://tabelogo-spider-service:18084")
                .containsEntry("TABELOGO_MANAGEMENT_PORT", "8001")
                // The edge trusts no forwarded address unless told which proxies are in front of it.
                .containsEntry("TABELOGO_TRUSTED_PROXIES", "")
                .doesNotContainKey("TABELOGO_DB_URL");
        for (String service : List.of("gateway", "map-service", "restaurant-service", "spider-service")) {
            assertThat(data("tabelogo-" + service))
                    .containsEntry("TABELOGO_JWKS_URI", "http://tabelogo-auth-service:8080/.well-known/jwks.json");
        }
        assertThat(data("tabelogo-spider-service"))
                .containsEntry("TABELOGO_TRUSTED_PROXIES", "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16");
        assertThat(data("tabelogo-map-service")).doesNotContainKey("OTEL_EXPORTER_OTLP_ENDPOINT");

        RenderedChart traced = RenderedChart.renderWith(Map.of(
                "observability.otlpEndpoint", "http://collector.observability:4318",
                "postgres.parameters", "sslmode=verify-full"));
        Map<String, Object> restaurant = map(traced.named("ConfigMap", "tabelogo-restaurant-service"), "data");
        assertThat(restaurant)
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector.observability:4318")
                .containsEntry(
                        "TABELOGO_DB_URL",
                        "jdbc:postgresql://postgresql.tabelogo.svc:5432/tabelogo_restaurant?sslmode=verify-full");
    }

    @Test
    void noSecretValueInTheValuesFilesOrTheConfigMaps() throws Exception {
        for (String file : List.of("values.yaml", "values-prod.yaml", RenderedChart.TEST_VALUES)) {
            Object values = new Yaml(new LoaderOptions()).load(Files.readString(RenderedChart.CHART.resolve(file)));
            assertNoSecretValue(file, values);
        }
        chart.ofKind("ConfigMap")
                .forEach(configMap -> map(configMap, "data").forEach((key, value) -> {
                    assertThat(key).as(name(configMap)).doesNotMatch(SECRET_NAME);
                    assertThat(String.valueOf(value))
                            .as(name(configMap) + " " + key)
                            .doesNotMatch(URL_WITH_CREDENTIALS);
                }));
    }

    private static void assertNoSecretValue(String where, Object node) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String path = where + "." + key;
                boolean byReference = key.equals("existingSecret")
                        || key.equals("secretName")
                        || key.equals("keys")
                        || key.equals("imagePullSecrets"); // names of Secrets, not values
                if (!byReference && SECRET_NAME.matcher(String.valueOf(key)).matches() && !(value instanceof Map)) {
                    assertThat(value == null || String.valueOf(value).isEmpty())
                            .as(path + " holds a value: secrets go by reference only")
                            .isTrue();
                }
                assertNoSecretValue(path, value);
            });
        } else if (node instanceof List<?> items) {
            items.forEach(item -> assertNoSecretValue(where, item));
        } else if (node != null) {
            assertThat(String.valueOf(node)).as(where).doesNotMatch(URL_WITH_CREDENTIALS);
        }
    }

    private static Map<String, Object> data(String configMap) {
        return map(chart.named("ConfigMap", configMap), "data");
    }

    @Test
    void theChaosSwitchReachesEveryServiceAndTheAdministratorsPasswordIsASecretFile() {
        chart.ofKind("ConfigMap")
                .filter(configMap -> map(configMap, "data").containsKey("SERVER_PORT"))
                .forEach(configMap -> assertThat(map(configMap, "data")).doesNotContainKey("TABELOGO_CHAOS_ENABLED"));

        RenderedChart chaos =
                RenderedChart.renderWith(Map.of("chaos.enabled", true, "chaos.administrator", "ops@example.org"));

        chaos.ofKind("ConfigMap")
                .filter(configMap -> map(configMap, "data").containsKey("SERVER_PORT"))
                .forEach(configMap ->
                        assertThat(map(configMap, "data")).containsEntry("TABELOGO_CHAOS_ENABLED", "true"));
        assertThat(map(chaos.named("ConfigMap", "tabelogo-auth-service"), "data"))
                .containsEntry("TABELOGO_ADMIN_EMAIL", "ops@example.org")
                .doesNotContainKey("TABELOGO_ADMIN_PASSWORD");
        Map<String, Object> auth = chaos.named("Deployment", "tabelogo-auth-service");
        assertThat(list(auth, "spec", "template", "spec", "volumes").stream()
                        .filter(volume -> "secrets".equals(volume.get("name")))
                        .flatMap(volume -> list(volume, "secret", "items").stream())
                        .map(item -> item.get("key")))
                .contains("TABELOGO_ADMIN_PASSWORD", "TABELOGO_AUTH_KEY_PASSWORD");
    }
}
