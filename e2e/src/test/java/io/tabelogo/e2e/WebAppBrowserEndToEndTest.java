package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tabelogo.platformtest.TestDatabase;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The web app in a real Chromium (Debian's) against this platform, through the gateway only: the Playwright Test
 * specs of {@code web/e2e} (the visitor's journey, degraded states, axe checks on each page, screenshots of each
 * step), run by the web module's own Playwright. Their screenshots and HTML reports: {@code e2e/target/browser-tests*}.
 */
class WebAppBrowserEndToEndTest extends ThroughTheGateway {

    static final Path WEB = Path.of("..", "web");

    /** Specs tagged so need map-service stopped and an aged restaurant: only the second run below gives them that. */
    static final String MAP_DOWN = "@map-down";

    private static final String SEARCH = """
            {"text_query": "sushi", "location_bias": {"rectangle": {"low": {"latitude": 35.64, "longitude": 139.68},
             "high": {"latitude": 35.70, "longitude": 139.78}}}, "max_result_count": 5}""";

    @Test
    void theWebAppsBrowserTestsPass() throws IOException, InterruptedException {
        playwright(
                "browser-tests",
                Map.of(
                        "TABELOGO_EXPECTED_VERSION", System.getProperty("tabelogo.version"),
                        "TABELOGO_EXPECTED_COMMIT", System.getProperty("tabelogo.commit")),
                "--grep-invert",
                MAP_DOWN);
    }

    /**
     * map-service stopped: a restaurant stored long enough ago that quick search must ask the map still opens, from
     * the stored copy, with the "saved data" notice, and a search says which part is down while the rest works.
     */
    @Test
    void withMapServiceStoppedTheAppShowsSavedDataAndSaysWhatIsDown() throws Exception {
        HttpResponse<String> places = post("/api/v1/map/advance_search", "application/json", SEARCH);
        assertThat(places.statusCode()).as(places.body()).isEqualTo(200);
        JsonNode place = json(places).get("places").get(0);
        HttpResponse<String> stored =
                get("/api/v1/restaurants/quick-search/" + place.get("id").asString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        String restaurantId = json(stored).get("restaurant").get("id").asString();
        ageBeyondTheFreshnessWindow(UUID.fromString(restaurantId));

        PLATFORM.stop("map-service");
        try {
            playwright(
                    "browser-tests-map-down",
                    Map.of(
                            "TABELOGO_AGED_RESTAURANT_ID",
                            restaurantId,
                            "TABELOGO_AGED_RESTAURANT_NAME",
                            json(stored).get("restaurant").get("name").asString()),
                    "--grep",
                    MAP_DOWN);
        } finally {
            PLATFORM.restart("map-service");
            // The gateway's map breaker opened on the refused calls: the tests after this one find it closed.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> post("/api/v1/map/advance_search", "application/json", SEARCH)
                                    .statusCode()
                            == 200);
        }
    }

    /** Last fetched from the map ten days ago, past restaurant-service's three-day freshness window. */
    private static void ageBeyondTheFreshnessWindow(UUID restaurant) throws SQLException {
        TestDatabase database = PLATFORM.databaseOf("restaurant-service");
        try (var connection = DriverManager.getConnection(database.url(), database.username(), database.password());
                var update = connection.prepareStatement(
                        "UPDATE restaurants SET synced_at = now() - interval '10 days' WHERE id = ?")) {
            update.setObject(1, restaurant);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    /** {@code npx playwright test} with these arguments; fails with Playwright's report if a spec fails. */
    private static void playwright(String name, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        assertThat(WEB.resolve("node_modules/.bin/playwright"))
                .as("the web module's npm ci (the reactor builds web/ before the end-to-end tests)")
                .exists();
        Path log = Path.of("target", name + ".log");
        List<String> command = new ArrayList<>(List.of("npx", "playwright", "test"));
        command.addAll(List.of(arguments));
        ProcessBuilder playwright = new ProcessBuilder(command)
                .directory(WEB.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        playwright.environment().putAll(environment);
        playwright.environment().put("TABELOGO_BASE_URL", "http://127.0.0.1:" + PLATFORM.gatewayPort);
        playwright
                .environment()
                .put(
                        "TABELOGO_BROWSER_OUTPUT",
                        Path.of("target", name).toAbsolutePath().toString());
        playwright.environment().put("CI", "1");
        Process run = playwright.start();
        boolean ended = run.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            run.destroyForcibly();
        }
        String report = Files.readString(log);
        System.out.println(report);
        assertThat(ended).as("the browser tests ended within 10 minutes").isTrue();
        assertThat(run.exitValue())
                .as("npx playwright test (its output: %s)\n%s", log, report)
                .isZero();
    }
}
