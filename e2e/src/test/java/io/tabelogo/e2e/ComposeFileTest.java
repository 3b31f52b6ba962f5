package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platformtest.ShippedRedisUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Compose deployment cannot run here (no Docker engine), so what can be checked without it is: the file parses,
 * every container is named {@code tabelogo-*}, restarts, has a memory limit and waits for healthy dependencies,
 * every file it mounts or builds from exists, and every target Prometheus scrapes is a container listening there.
 */
class ComposeFileTest {

    private static final Path COMPOSE = ComposeFile.FOLDER;
    private static final Path PROMETHEUS = Path.of("..", "deploy", "observability", "prometheus", "prometheus.yml");

    @Test
    @SuppressWarnings("unchecked")
    void everyContainerIsNamedRestartedLimitedAndStartsAfterHealthyDependencies() throws IOException {
        Map<String, Map<String, Object>> services = ComposeFile.services();

        assertThat(services)
                .containsKeys(
                        "postgres",
                        "redis",
                        "auth",
                        "map",
                        "restaurant",
                        "spider",
                        "gateway",
                        "prometheus",
                        "loki",
                        "alloy",
                        "jaeger",
                        "grafana");
        services.forEach((name, service) -> {
            assertThat((String) service.get("container_name")).as(name).isEqualTo("tabelogo-" + name);
            assertThat(service).as(name).containsKeys("restart", "mem_limit");
            Object dependsOn = service.get("depends_on");
            if (dependsOn instanceof Map<?, ?> dependencies) {
                dependencies.forEach((dependency, condition) -> {
                    assertThat(services).as(name + " depends on " + dependency).containsKey((String) dependency);
                    assertThat(((Map<String, Object>) condition).get("condition"))
                            .as(name + " waits for " + dependency)
                            .isEqualTo("service_healthy");
                });
            }
        });
    }

    /**
     * The chaos API and the administrator are off unless the shell that runs Compose sets them: passed on without a
     * value (Compose leaves a variable the shell does not set out of the container), never with one.
     */
    @Test
    @SuppressWarnings("unchecked")
    void chaosAndTheAdministratorComeOnlyFromTheShell() {
        Map<String, Map<String, Object>> services = ComposeFile.services();
        for (String name : List.of("auth", "map", "restaurant", "spider", "gateway")) {
            Map<String, Object> environment =
                    (Map<String, Object>) services.get(name).get("environment");
            assertThat(environment).as(name).containsEntry("TABELOGO_CHAOS_ENABLED", null);
        }
        Map<String, Object> auth = (Map<String, Object>) services.get("auth").get("environment");
        assertThat(auth).containsEntry("TABELOGO_ADMIN_EMAIL", null).containsEntry("TABELOGO_ADMIN_PASSWORD", null);
    }

    /** A secret never has a default: Compose refuses to start without each one. */
    @Test
    void noSecretHasADefault() throws IOException {
        String compose = Files.readString(COMPOSE.resolve("docker-compose.yml"));

        assertThat(java.util.regex.Pattern.compile("\\$\\{[A-Z_]*(PASSWORD|SECRET)[A-Z_]*:-")
                        .matcher(compose)
                        .find())
                .as("a password or secret with a default")
                .isFalse();
    }

    /** Each service with a database logs in as its own role (deploy/compose/postgres), never as the superuser. */
    @Test
    @SuppressWarnings("unchecked")
    void eachServiceUsesItsOwnDatabaseRole() throws Exception {
        ComposeFile.services().forEach((name, service) -> {
            Map<String, Object> env = (Map<String, Object>) service.getOrDefault("environment", Map.of());
            if (env.get("TABELOGO_DB_URL") instanceof String url) {
                String database = url.substring(url.lastIndexOf('/') + 1);
                assertThat(env.get("TABELOGO_DB_USER")).as(name).isEqualTo(database);
            }
        });
        Process syntax = new ProcessBuilder(
                        "bash",
                        "-n",
                        COMPOSE.resolve("postgres/10-service-roles.sh").toString())
                .redirectErrorStream(true)
                .start();
        assertThat(syntax.waitFor())
                .as(new String(syntax.getInputStream().readAllBytes()))
                .isZero();
    }

    /** Redis runs with the shipped users, every password filled in, and each service connects as its own user. */
    @Test
    @SuppressWarnings("unchecked")
    void eachServiceIsItsOwnRedisUser() throws IOException {
        Map<String, Map<String, Object>> services = ComposeFile.services();
        String redisCommand =
                String.join(" ", (List<String>) services.get("redis").get("command"));
        assertThat(redisCommand).contains("--aclfile /tmp/users.acl", "/etc/redis/users.acl.template");
        assertThat((List<Object>) services.get("redis").get("volumes"))
                .map(Object::toString)
                .contains("./redis/users.acl.template:/etc/redis/users.acl.template:ro");
        ShippedRedisUsers.PLACEHOLDERS
                .values()
                .forEach(placeholder -> assertThat(redisCommand)
                        .as("the password of " + placeholder)
                        .contains("s/" + placeholder + "/"));
        Map<String, String> users = Map.of(
                "auth", "auth-service",
                "map", "map-service",
                "restaurant", "restaurant-service",
                "spider", "spider-service",
                "gateway", "gateway");
        users.forEach((service, user) -> {
            Map<String, Object> env =
                    (Map<String, Object>) services.get(service).get("environment");
            for (String variable : List.of("TABELOGO_REDIS_URL", "TABELOGO_SHARED_REDIS_URL")) {
                assertThat(env.get(variable).toString())
                        .as(service + " " + variable)
                        .startsWith("redis://" + user + ":");
            }
        });
    }

    /** Only the gateway and Grafana are reachable from other machines; every other published port is loopback. */
    @Test
    @SuppressWarnings("unchecked")
    void onlyTheGatewayAndGrafanaArePublished() throws IOException {
        Map<String, List<String>> published = new java.util.TreeMap<>();
        ComposeFile.services().forEach((name, service) -> {
            for (Object port : (List<Object>) service.getOrDefault("ports", List.of())) {
                if (!port.toString().startsWith("127.0.0.1:")) {
                    published.computeIfAbsent(name, n -> new ArrayList<>()).add(port.toString());
                }
            }
        });

        assertThat(published).isEqualTo(Map.of("gateway", List.of("8000:8000"), "grafana", List.of("3001:3000")));
    }

    /** Floating tags ({@code postgres:16}, {@code redis:7}, {@code latest}) change under a deployment; versions do not. */
    @Test
    void everyImageIsPinnedToAnExactVersion() throws IOException {
        java.util.regex.Pattern exact = java.util.regex.Pattern.compile("[^:@\\s]+:v?\\d+\\.\\d+[^\\s]*");
        List<String> images = new java.util.ArrayList<>();
        ComposeFile.services().values().forEach(service -> {
            if (service.get("image") instanceof String image) {
                images.add(image);
            }
        });
        java.nio.file.Files.readAllLines(Path.of("..", "deploy", "docker", "Dockerfile")).stream()
                .filter(line -> line.startsWith("FROM "))
                .map(line -> java.util.Arrays.stream(line.split("\\s+"))
                        .skip(1)
                        .filter(word -> !word.startsWith("--")) // --platform=...
                        .findFirst()
                        .orElseThrow())
                .forEach(images::add);

        assertThat(images).isNotEmpty().allSatisfy(image -> assertThat(image).matches(exact));
    }

    @Test
    void theBuildContextLeavesLocalSecretsAndBuildOutputOut() throws IOException {
        List<String> ignored = java.nio.file.Files.readAllLines(Path.of("..", ".dockerignore"));

        assertThat(ignored).contains(".tabelogo/", "**/target/", ".git/");
    }

    @Test
    @SuppressWarnings("unchecked")
    void redisKeepsItsDataInAnAppendOnlyFileOnAVolume() throws IOException {
        Map<String, Object> redis = ComposeFile.services().get("redis");
        List<String> command = (List<String>) redis.get("command");

        assertThat(String.join(" ", command)).contains("--appendonly yes");
        assertThat((List<Object>) redis.get("volumes")).map(Object::toString).contains("redis-data:/data");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFileTheDeploymentMountsOrBuildsFromExists() throws IOException {
        for (Map.Entry<String, Map<String, Object>> entry :
                ComposeFile.services().entrySet()) {
            Map<String, Object> service = entry.getValue();
            if (service.get("build") instanceof Map<?, ?> build) {
                Path context = COMPOSE.resolve((String) build.get("context"));
                assertThat(context.resolve((String) build.get("dockerfile")))
                        .as(entry.getKey())
                        .isRegularFile();
            }
            for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith(".")) { // a file or folder of the repository, not a named volume
                    assertThat(COMPOSE.resolve(source))
                            .as(entry.getKey() + " mounts " + source)
                            .exists();
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyScrapeTargetIsAContainerListeningThere() throws IOException {
        Map<String, Map<String, Object>> containers = ComposeFile.containers();
        Map<String, Object> prometheus = new Yaml().load(Files.readString(PROMETHEUS));
        List<String> targets = new ArrayList<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) prometheus.get("scrape_configs")) {
            for (Map<String, Object> group : (List<Map<String, Object>>) job.get("static_configs")) {
                targets.addAll((List<String>) group.get("targets"));
            }
        }

        assertThat(targets).hasSize(5);
        for (String target : targets) {
            String[] hostAndPort = target.split(":");
            assertThat(containers).as(target).containsKey(hostAndPort[0]);
            Map<String, Object> environment =
                    (Map<String, Object>) containers.get(hostAndPort[0]).get("environment");
            Object metricsPort = environment.getOrDefault("TABELOGO_MANAGEMENT_PORT", environment.get("SERVER_PORT"));
            assertThat(metricsPort).as(target).isEqualTo(hostAndPort[1]);
        }
    }
}
