package io.tabelogo.helm;

import static io.tabelogo.helm.RenderedChart.containers;
import static io.tabelogo.helm.RenderedChart.list;
import static io.tabelogo.helm.RenderedChart.map;
import static io.tabelogo.helm.RenderedChart.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.tabelogo.platformtest.PrivateRedisServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * values-dev.yaml: PostgreSQL and Redis inside the release, set up by the scripts Compose uses, and the Secrets
 * {@code dev-secrets.sh} makes for them. The Redis side runs for real: the StatefulSet's own command fills the shipped
 * ACL file with the generated passwords, a real redis-server loads it, and each service logs in with its Secret's URL.
 */
class DevelopmentValuesTest {

    private static final Path COMPOSE = Path.of("..", "compose");
    private static final String DATA_STORES_SECRET = "tabelogo-dev-data-stores";

    private static RenderedChart chart;
    private static Map<String, Map<String, String>> secrets;

    @BeforeAll
    static void renderAndGenerate() {
        chart = RenderedChart.renderExactly(List.of("values-dev.yaml"), Map.of());
        DevSecrets generated = DevSecrets.run();
        assertThat(generated.exitCode()).as(generated.errors()).isZero();
        secrets = generated.byName();
    }

    @Test
    void postgresqlAndRedisRunInTheReleaseOnPersistentVolumesRedisWithItsAppendOnlyFile() {
        for (var store : Map.of("tabelogo-postgresql", "/var/lib/postgresql/data", "tabelogo-redis", "/data")
                .entrySet()) {
            Map<String, Object> statefulSet = chart.named("StatefulSet", store.getKey());
            assertThat(map(statefulSet, "spec").get("replicas")).isEqualTo(1);
            Map<String, Object> claim =
                    list(statefulSet, "spec", "volumeClaimTemplates").getFirst();
            assertThat(map(claim, "spec").get("accessModes")).isEqualTo(List.of("ReadWriteOnce"));
            assertThat(map(claim, "spec", "resources", "requests")).containsKey("storage");
            assertThat(list(containers(statefulSet).getFirst(), "volumeMounts"))
                    .contains(Map.of("name", map(claim, "metadata").get("name"), "mountPath", store.getValue()));
        }
        assertThat(redisCommand()).contains("--appendonly yes").contains("--dir /data");
    }

    @Test
    void theDataStoresAreSetUpByComposesOwnScriptsARoleAndADatabasePerService() throws IOException {
        Map<String, Object> init = map(chart.named("ConfigMap", "tabelogo-postgresql-init"), "data");
        assertThat(init)
                .containsEntry("10-service-roles.sh", read(COMPOSE.resolve("postgres/10-service-roles.sh")))
                .containsEntry("service-role.sql.in", read(COMPOSE.resolve("postgres/service-role.sql")));
        assertThat(map(chart.named("ConfigMap", "tabelogo-redis-users"), "data"))
                .containsEntry("users.acl.template", read(COMPOSE.resolve("redis/users.acl.template")));

        // The script makes role and database tabelogo_<service> for each service it lists: exactly those configured.
        Matcher loop = Pattern.compile("for service in ([a-z ]+); do")
                .matcher(read(COMPOSE.resolve("postgres/10-service-roles.sh")));
        assertThat(loop.find()).isTrue();
        Set<String> roles = Arrays.stream(loop.group(1).split(" "))
                .map(service -> "tabelogo_" + service)
                .collect(Collectors.toSet());
        Set<String> configured = new HashSet<>();
        chart.ofKind("ConfigMap")
                .map(configMap -> map(configMap, "data"))
                .filter(data -> data.containsKey("TABELOGO_DB_URL"))
                .forEach(data -> {
                    String database = ((String) data.get("TABELOGO_DB_URL"))
                            .replace("jdbc:postgresql://tabelogo-postgresql:5432/", "");
                    assertThat(data.get("TABELOGO_DB_USER")).isEqualTo(database);
                    assertThat(configured.add(database))
                            .as("one database per service")
                            .isTrue();
                });
        assertThat(configured).isEqualTo(roles);
    }

    @Test
    void devSecretsMakesEverySecretTheReleaseMountsWithExactlyTheKeysItReads() {
        Map<String, Set<String>> mounted = new java.util.TreeMap<>();
        chart.workloads()
                .forEach(workload -> list(workload, "spec", "template", "spec", "volumes").stream()
                        .filter(volume -> volume.containsKey("secret"))
                        .forEach(volume -> mounted.computeIfAbsent(
                                        (String) map(volume, "secret").get("secretName"),
                                        name -> new java.util.TreeSet<>())
                                .addAll(list(volume, "secret", "items").stream()
                                        .map(item -> (String) item.get("key"))
                                        .toList())));

        assertThat(secrets.keySet()).containsExactlyInAnyOrderElementsOf(mounted.keySet());
        mounted.forEach((secret, keys) ->
                assertThat(secrets.get(secret).keySet()).as(secret).containsExactlyInAnyOrderElementsOf(keys));
    }

    @Test
    void eachServicesPasswordsAreTheOnesItsDataStoresWereGiven() {
        Map<String, String> stores = secrets.get(DATA_STORES_SECRET);
        for (String service : List.of("auth", "restaurant", "spider")) {
            assertThat(secrets.get("tabelogo-dev-" + service + "-service"))
                    .containsEntry("TABELOGO_DB_PASSWORD", stores.get("TABELOGO_DB_PASSWORD_" + service.toUpperCase()));
        }
        assertThat(secrets.get("tabelogo-dev-auth-service").get("TABELOGO_SERVICE_CLIENTS"))
                .isEqualTo("restaurant-service:"
                        + secrets.get("tabelogo-dev-restaurant-service").get("TABELOGO_SERVICE_SECRET"));

        // Every password new, 128 random bits, none used twice; another run, other passwords.
        List<String> passwords = stores.values().stream().toList();
        assertThat(passwords).allMatch(password -> password.matches("[0-9a-f]{32}"));
        assertThat(new HashSet<>(passwords)).hasSameSizeAs(passwords);
        assertThat(DevSecrets.run().byName().get(DATA_STORES_SECRET).values()).doesNotContainAnyElementsOf(passwords);
    }

    @Test
    void eachServiceLogsInToTheReleasesRedisAsItsOwnUserWithTheUrlOfItsSecret(@TempDir Path work) throws Exception {
        // The StatefulSet's command, run here with its paths pointed at the test's files: fill the ACL file ...
        Path secretsDirectory = Files.createDirectories(work.resolve("secrets"));
        secrets.get(DATA_STORES_SECRET).forEach((key, value) -> write(secretsDirectory.resolve(key), value));
        String command = redisCommand();
        assertThat(command).contains(" && exec redis-server --aclfile /run/redis/users.acl ");
        String fill = command.substring(0, command.indexOf(" && exec redis-server"))
                .replace("/run/secrets/tabelogo/", secretsDirectory + "/")
                .replace("/etc/redis/", COMPOSE.resolve("redis").toAbsolutePath() + "/")
                .replace("/run/redis/", work + "/");
        Process sed = new ProcessBuilder("/bin/sh", "-c", fill).inheritIO().start();
        assertThat(sed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(sed.exitValue()).isZero();

        // ... which a real redis-server loads; each service's URL (its Secret's) logs in as that service.
        Map<String, Object> redisService = chart.named("Service", "tabelogo-redis");
        String address = name(redisService) + ":"
                + list(redisService, "spec", "ports").getFirst().get("port");
        try (PrivateRedisServer redis = PrivateRedisServer.start(work.resolve("users.acl"))) {
            List<String> users = new ArrayList<>();
            for (var secret : secrets.entrySet()) {
                for (String key : List.of("TABELOGO_REDIS_URL", "TABELOGO_SHARED_REDIS_URL")) {
                    String url = secret.getValue().get(key);
                    if (url == null) {
                        continue;
                    }
                    URI uri = URI.create(url);
                    assertThat(uri.getHost() + ":" + uri.getPort())
                            .as(secret.getKey())
                            .isEqualTo(address);
                    String user = uri.getUserInfo().split(":")[0];
                    // Logged in as that user (its rules allow PING, not ACL WHOAMI): the URL's password is the ACL's.
                    assertThat(ping(url.replace(address, "127.0.0.1:" + redis.port())))
                            .isEqualTo("PONG");
                    users.add(user);
                }
            }
            assertThat(new HashSet<>(users))
                    .containsExactlyInAnyOrder(
                            "auth-service", "map-service", "restaurant-service", "spider-service", "gateway");
            // Another service's password is no way in.
            String gatewayUrl = secrets.get("tabelogo-dev-gateway").get("TABELOGO_REDIS_URL");
            String mapPassword = secrets.get(DATA_STORES_SECRET).get("TABELOGO_REDIS_PASSWORD_MAP");
            String wrong = gatewayUrl
                    .replaceFirst(":[0-9a-f]{32}@", ":" + mapPassword + "@")
                    .replace(address, "127.0.0.1:" + redis.port());
            assertThatThrownBy(() -> ping(wrong)).isInstanceOf(RedisException.class);
        }
    }

    @Test
    void theRoleScriptReadsEachPasswordFromItsFileAndRefusesAnEmptyOne(@TempDir Path work) throws Exception {
        // A unit test of the script's shell logic: psql is a stand-in that records its arguments (PostgresRolesTest
        // runs the SQL itself on a real PostgreSQL).
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path calls = work.resolve("psql-calls");
        write(bin.resolve("psql"), "#!/bin/sh\necho \"$*\" >> " + calls + "\n");
        bin.resolve("psql").toFile().setExecutable(true);
        ProcessBuilder script = new ProcessBuilder(
                "bash", COMPOSE.resolve("postgres/10-service-roles.sh").toString());
        script.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        script.environment().put("POSTGRES_USER", "postgres");
        for (String service : List.of("AUTH", "RESTAURANT", "SPIDER")) {
            Path file = work.resolve(service);
            write(file, "pw-" + service.toLowerCase());
            script.environment().put("TABELOGO_DB_PASSWORD_" + service + "_FILE", file.toString());
        }

        assertThat(run(script)).isZero();
        assertThat(Files.readAllLines(calls))
                .hasSize(3)
                .anySatisfy(line -> assertThat(line).contains("role=tabelogo_auth", "password=pw-auth"))
                .anySatisfy(line -> assertThat(line).contains("role=tabelogo_restaurant", "password=pw-restaurant"))
                .anySatisfy(line -> assertThat(line).contains("role=tabelogo_spider", "password=pw-spider"));

        write(work.resolve("SPIDER"), "");
        Files.delete(calls);
        script.redirectOutput(ProcessBuilder.Redirect.PIPE).redirectErrorStream(true);
        Process refused = script.start();
        String output = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(refused.waitFor()).isEqualTo(1);
        assertThat(output).contains("TABELOGO_DB_PASSWORD_SPIDER_FILE");
    }

    @Test
    void theDataStoresAdmitOnlyTheServicesThatUseThemAndReachNothing() {
        Map<String, List<String>> clients = Map.of(
                "postgresql", List.of("auth-service", "restaurant-service", "spider-service"),
                "redis", List.of("auth-service", "gateway", "map-service", "restaurant-service", "spider-service"));
        Map<String, Integer> ports = Map.of("postgresql", 5432, "redis", 6379);
        clients.forEach((store, services) -> {
            Map<String, Object> policy = chart.named("NetworkPolicy", "tabelogo-" + store);
            assertThat(map(policy, "spec").get("egress")).isEqualTo(List.of());
            assertThat(list(policy, "spec", "ingress"))
                    .allSatisfy(rule -> assertThat(list(rule, "ports"))
                            .containsExactly(Map.of("port", ports.get(store), "protocol", "TCP")))
                    .extracting(rule -> map(list(rule, "from").getFirst(), "podSelector", "matchLabels")
                            .get("app.kubernetes.io/name"))
                    .containsExactlyInAnyOrderElementsOf(services);
            // And the services reach the release's own store, not whatever else carries its name.
            for (String service : services) {
                assertThat(list(chart.named("NetworkPolicy", "tabelogo-" + service), "spec", "egress"))
                        .anySatisfy(rule -> assertThat(list(rule, "to"))
                                .containsExactly(Map.of(
                                        "podSelector",
                                        Map.of(
                                                "matchLabels",
                                                Map.of(
                                                        "app.kubernetes.io/name",
                                                        store,
                                                        "app.kubernetes.io/instance",
                                                        "tabelogo")))));
            }
        });
    }

    @Test
    void withoutTheDataStoresSecretOrWithABadReleaseNameNothingIsMade() {
        assertThatThrownBy(() -> RenderedChart.renderExactly(
                        List.of("values-dev.yaml"), Map.of("devDataStores.existingSecret", "")))
                .hasMessageContaining("devDataStores.existingSecret")
                .hasMessageContaining("dev-secrets.sh");

        DevSecrets refused = DevSecrets.run("Not A Release");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.output()).isEmpty();
        assertThat(refused.errors()).contains("is not a release name");

        // Another release name: the same Secret names (values-dev.yaml names them), its own Redis host.
        assertThat(DevSecrets.run("staging")
                        .byName()
                        .get("tabelogo-dev-gateway")
                        .get("TABELOGO_REDIS_URL"))
                .contains("@staging-redis:6379/4");
    }

    private static String redisCommand() {
        Object args = containers(chart.named("StatefulSet", "tabelogo-redis"))
                .getFirst()
                .get("args");
        return (String) ((List<?>) args).getFirst();
    }

    private static String ping(String url) {
        RedisClient client = RedisClient.create(url);
        try (var connection = client.connect()) {
            return connection.sync().ping();
        } finally {
            client.shutdown();
        }
    }

    private static int run(ProcessBuilder process) throws IOException, InterruptedException {
        Process started = process.inheritIO().start();
        assertThat(started.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return started.exitValue();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
