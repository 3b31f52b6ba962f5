package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Runtime faults set through the gateway by an administrator, on the running platform, and what a visitor then
 * sees: each service's defence answering for the broken dependency, and everything back once the fault is cleared.
 */
class ChaosEndToEndTest extends ThroughTheGateway {

    /** The gateway first: its faults on the routes to the services go before the services' own are cleared. */
    private static final List<String> TARGETS = List.of("gateway", "auth", "map", "restaurant", "spider");

    /** The administrator's token, logged in once (logins share a small rate-limit bucket with every test). */
    private static String admin;

    @BeforeEach
    void administrator() {
        if (admin == null) {
            var login = politely("/api/v1/auth/login", """
                    {"email": "%s", "password": "%s"}""".formatted(PLATFORM.adminEmail, PLATFORM.adminPassword));
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            admin = json(login).get("access_token").asString();
        }
    }

    @AfterEach
    void clearEveryFault() {
        for (String target : TARGETS) {
            assertThat(delete("/api/v1/chaos/" + target + "/faults", bearer(admin))
                            .statusCode())
                    .as(target)
                    .isEqualTo(204);
        }
    }

    @Test
    void everyServicesChaosApiIsReachedThroughTheGatewayByAnAdministratorOnly() {
        var dependencies = List.of(
                List.of("auth", "auth-service", "[]"),
                List.of("map", "map-service", "map-provider"),
                List.of("restaurant", "restaurant-service", "map-grpc"),
                List.of("spider", "spider-service", "tabelog"),
                List.of("gateway", "gateway", "upstream-restaurant"));
        for (List<String> target : dependencies) {
            JsonNode state = json(get("/api/v1/chaos/" + target.get(0), bearer(admin)));
            assertThat(state.get("service").asString()).isEqualTo(target.get(1));
            assertThat(state.get("dependencies").toString()).contains(target.get(2));
        }

        assertProblem(get("/api/v1/chaos/map"), 401, "AUTH_TOKEN_MISSING");
        assertProblem(get("/api/v1/chaos/map", bearer(newUserToken())), 403, "FORBIDDEN");
    }

    @Test
    void aFailingMapProviderIsAProblemAnswerAndClearingItHeals() {
        setFault("map", "dependency/map-provider", "{\"error_rate\": 1, \"duration_s\": 60}");
        String query = placeSearch("udon " + UUID.randomUUID());

        assertProblem(post("/api/v1/map/advance_search", "application/json", query), 503, "MAP_PROVIDER_UNAVAILABLE");

        assertThat(delete("/api/v1/chaos/map/faults/dependency/map-provider", bearer(admin))
                        .statusCode())
                .isEqualTo(204);
        // The provider's breaker may have opened: it lets calls through again after its wait.
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(3)) // anonymous requests share a rate limit with the other tests
                .until(() -> post("/api/v1/map/advance_search", "application/json", query)
                                .statusCode()
                        == 200);
    }

    @Test
    void slowSqlInRestaurantServiceIsADbTimeoutAtThreeSecondsNotAHang() {
        setFault("restaurant", "sql-delay", "{\"delay_ms\": 10000, \"duration_s\": 60}");

        long start = System.nanoTime();
        var answer = get("/api/v1/restaurants?q=chaos-" + UUID.randomUUID());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertProblem(answer, 503, "DB_TIMEOUT");
        assertThat(took).isBetween(Duration.ofMillis(2_900), Duration.ofSeconds(8));
    }

    @Test
    void aGatewayUpstreamFaultIsUpstreamUnavailableForThatServiceOnly() {
        setFault("gateway", "dependency/upstream-spider", "{\"error_rate\": 1, \"duration_s\": 60}");

        assertProblem(
                get("/api/v1/spider/jobs/" + UUID.randomUUID(), bearer(newUserToken())), 503, "UPSTREAM_UNAVAILABLE");
        assertThat(get("/api/v1/restaurants?size=1").statusCode()).isEqualTo(200);

        JsonNode faults = json(get("/api/v1/chaos/gateway", bearer(admin))).get("faults");
        assertThat(faults).singleElement().satisfies(fault -> {
            assertThat(fault.get("id").asString()).isEqualTo("dependency/upstream-spider");
            assertThat(fault.get("error_rate").asDouble()).isEqualTo(1.0);
            assertThat(fault.get("expires_at").asString()).isNotBlank();
        });
    }

    @Test
    void withRedisGoneTheGatewayStillServesAndCountsItsFallbacks() {
        setFault("gateway", "redis-down", "{\"duration_s\": 60}");

        for (int i = 0; i < 5; i++) {
            assertThat(get("/api/v1/restaurants?size=1").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theLauncherSetsListsAndClearsFaultsAsTheAdministrator() throws Exception {
        String set = tabelogo(0, "chaos", "set", "restaurant", "sql-delay", "delay_ms=10000", "duration_s=30");
        assertThat(set).contains("restaurant: sql-delay set, delay_ms=10000 ends in");
        assertProblem(get("/api/v1/restaurants?q=launcher-" + UUID.randomUUID()), 503, "DB_TIMEOUT");

        assertThat(tabelogo(0, "chaos"))
                .containsPattern("restaurant +1 active")
                .contains("sql-delay")
                .containsPattern("map +no active fault +\\(dependencies: map-provider\\)");
        assertThat(tabelogo(1, "chaos", "set", "map", "dependency/map-provider", "error_rate=3"))
                .contains("refused")
                .contains("error_rate must be 0 to 1");

        assertThat(tabelogo(0, "chaos", "clear", "restaurant", "sql-delay")).contains("restaurant: sql-delay cleared");
        assertThat(get("/api/v1/restaurants?size=1").statusCode()).isEqualTo(200);
    }

    @Test
    void theLauncherCrashesAServiceAndWhatRunsItStartsItAgain() throws Exception {
        double started = processStart("map-service");

        assertThat(tabelogo(0, "chaos", "restart", "map", "--crash")).contains("map: exits as a crash in 500 ms");

        // The platform, as an orchestrator would, starts the crashed service again: a new process answers.
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> processStart("map-service") > started);
        assertThat(json(get("/api/v1/chaos/map", bearer(admin))).get("service").asString())
                .isEqualTo("map-service");
    }

    /** When the service's process started (seconds since the epoch), from its own /metrics. */
    private static double processStart(String service) throws Exception {
        String metrics = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        "http://127.0.0.1:" + PLATFORM.metricsPorts.get(service) + "/metrics"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        return metrics.lines()
                .filter(line -> line.startsWith("process_start_time_seconds"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow();
    }

    /** ./tabelogo run from the repository, aimed at the platform's gateway as its administrator. */
    private static String tabelogo(int expectedStatus, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "tabelogo"));
        command.addAll(List.of(args));
        ProcessBuilder launcher = new ProcessBuilder(command)
                .directory(java.nio.file.Path.of("..").toFile())
                .redirectErrorStream(true);
        launcher.environment().put("TABELOGO_CHAOS_URL", "http://127.0.0.1:" + PLATFORM.gatewayPort);
        launcher.environment().put("TABELOGO_ADMIN_EMAIL", PLATFORM.adminEmail);
        launcher.environment().put("TABELOGO_ADMIN_PASSWORD", PLATFORM.adminPassword);
        Process process = launcher.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(expectedStatus);
        return output;
    }

    private void setFault(String target, String fault, String body) {
        var set = put("/api/v1/chaos/" + target + "/faults/" + fault, body, bearer(admin));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    }

    private static String placeSearch(String text) {
        return """
                {"text_query": "%s", "location_bias": {"rectangle": {"low": {"latitude": 35.64, "longitude": 139.68},
                 "high": {"latitude": 35.68, "longitude": 139.72}}}, "max_result_count": 5}""".formatted(text);
    }
}
