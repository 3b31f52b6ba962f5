package io.tabelogo.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Tabelogo's user journey as load, through the gateway of any installation (the devstack, a staging Ingress): an open
 * model (visitors arrive at a rate, whatever the platform's latency), weighted as people use it (browse and search
 * often, open a restaurant often, favourites sometimes, a Tabelog scrape rarely), and judged on p95, p99 and the share
 * of failed requests. Settings are system properties:
 *
 * <ul>
 *   <li>{@code tabelogo.baseUrl} (http://127.0.0.1:8000), {@code tabelogo.load.visitorsPerSecond} (5),
 *       {@code tabelogo.load.durationSeconds} (60);
 *   <li>{@code tabelogo.load.p95Ms} (500), {@code tabelogo.load.p99Ms} (1500), {@code tabelogo.load.maxFailedPercent} (1).
 * </ul>
 *
 * <p>Every request carries one visitor's token (registered in {@link #before()}): the gateway's rate limit for signed-in
 * visitors (1000 a minute per user) is the one that applies, not the anonymous one, since all the load comes from one
 * address. Beyond about 15 requests a second, raise {@code TABELOGO_RATE_LIMIT_USER} or spread the load.
 */
public class UserJourneySimulation extends Simulation {

    private static final String BASE_URL = System.getProperty("tabelogo.baseUrl", "http://127.0.0.1:8000");
    private static final double VISITORS_PER_SECOND =
            Double.parseDouble(System.getProperty("tabelogo.load.visitorsPerSecond", "5"));
    private static final Duration DURATION =
            Duration.ofSeconds(Long.parseLong(System.getProperty("tabelogo.load.durationSeconds", "60")));
    private static final int P95_MS = Integer.getInteger("tabelogo.load.p95Ms", 500);
    private static final int P99_MS = Integer.getInteger("tabelogo.load.p99Ms", 1500);
    private static final double MAX_FAILED_PERCENT =
            Double.parseDouble(System.getProperty("tabelogo.load.maxFailedPercent", "1"));

    private static final String[] DISHES = {"ramen", "sushi", "udon", "soba", "tempura", "yakitori", "curry"};
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * map-service allows 30 place searches a minute per client address, and all the load comes from one: the live
     * searches stay under that, and the other journeys open places found before the load (their feeder).
     */
    private static final double SEARCHES_PER_SECOND = 0.3;

    /** The visitor's token every request carries, made once before the load. */
    private static volatile String token;

    /** Places found before the load ({@code placeId}, {@code placeName}), for the journeys that open one. */
    private static final List<Map<String, Object>> PLACES = new CopyOnWriteArrayList<>();

    /** A random place of {@link #PLACES} for each visitor (read when the load runs, after {@link #before()}). */
    private static final Iterator<Map<String, Object>> A_PLACE = Stream.generate(
                    () -> PLACES.get((int) (Math.random() * PLACES.size())))
            .iterator();

    private final HttpProtocolBuilder gateway = http.baseUrl(BASE_URL)
            .acceptHeader("application/json")
            .authorizationHeader(session -> "Bearer " + token)
            .userAgentHeader("tabelogo-load (Gatling)");

    /** Places of a dish in and around Shibuya: the map's search, which the web app runs on every map move. */
    private static final ChainBuilder SEARCH = exec(session ->
                    session.set("dish", DISHES[(int) (Math.random() * DISHES.length)]))
            .exec(http("search places")
                    .post("/api/v1/map/advance_search")
                    .header("Content-Type", "application/json")
                    .body(StringBody("""
                            {"text_query": "#{dish}", "location_bias": {"rectangle": {"low": {"latitude": 35.64,
                             "longitude": 139.68}, "high": {"latitude": 35.68, "longitude": 139.72}}},
                             "max_result_count": 10}"""))
                    .check(status().is(200))
                    .check(jsonPath("$.places[0].id").optional().saveAs("placeId")));

    /** A page of restaurants, as the list view shows them. */
    private static final ChainBuilder BROWSE = exec(http("browse restaurants")
            .get("/api/v1/restaurants?size=20&sort=rating")
            .check(status().is(200)));

    /** A place opened as a restaurant (its details, then its Tabelog rating if there is one). */
    private static final ChainBuilder DETAIL = feed(A_PLACE)
            .exec(http("open restaurant")
                    .get("/api/v1/restaurants/quick-search/#{placeId}")
                    .check(status().is(200))
                    .check(jsonPath("$.restaurant.id").saveAs("restaurantId")))
            .exec(http("tabelog rating")
                    .get("/api/v1/restaurants/#{restaurantId}/tabelog")
                    .check(status().in(200, 404)));

    /** A favourite saved, the list read, the favourite removed. */
    private static final ChainBuilder FAVOURITE = DETAIL.doIf(session -> session.contains("restaurantId"))
            .then(exec(http("save favourite")
                            .put("/api/v1/me/favorites/#{restaurantId}")
                            .header("Content-Type", "application/json")
                            .body(StringBody("{\"notes\": \"load test\"}"))
                            .check(status().in(200, 201)))
                    .exec(http("list favourites").get("/api/v1/me/favorites").check(status().is(200)))
                    // Visitors share one account: another may have removed it first.
                    .exec(http("remove favourite")
                            .delete("/api/v1/me/favorites/#{restaurantId}")
                            .check(status().in(204, 404))));

    /** A Tabelog scrape asked for (answered from the spider's cache, or accepted as a job). */
    private static final ChainBuilder SCRAPE = feed(A_PLACE)
            .exec(http("scrape tabelog")
                    .post("/api/v1/spider/scrape")
                    .header("Content-Type", "application/json")
                    .body(StringBody("{\"google_id\": \"#{placeId}\", \"place_name\": \"#{placeName}\","
                            + " \"area\": \"Shibuya\", \"max_results\": 3}"))
                    .check(status().in(200, 202)));

    {
        setUp(
                        visitors("browse", BROWSE, 0.45),
                        visitors("search", SEARCH, Math.min(0.10, SEARCHES_PER_SECOND / VISITORS_PER_SECOND)),
                        visitors("restaurant", DETAIL, 0.35),
                        visitors("favourites", FAVOURITE, 0.08),
                        visitors("scrape", SCRAPE, 0.02))
                .protocols(gateway)
                .assertions(
                        global().responseTime().percentile(95.0).lt(P95_MS),
                        global().responseTime().percentile(99.0).lt(P99_MS),
                        global().failedRequests().percent().lt(MAX_FAILED_PERCENT));
    }

    /** A scenario that gets {@code share} of the arriving visitors. */
    private static PopulationBuilder visitors(String name, ChainBuilder journey, double share) {
        ScenarioBuilder scenario = scenario(name).exec(journey);
        return scenario.injectOpen(
                constantUsersPerSec(VISITORS_PER_SECOND * share).during(DURATION));
    }

    /** One visitor account for the whole load: registered and logged in through the gateway. */
    @Override
    public void before() {
        String email = "load-" + UUID.randomUUID() + "@example.com";
        String password = "Load-" + UUID.randomUUID();
        try (HttpClient client = HttpClient.newHttpClient()) {
            post(client, "/api/v1/auth/register", """
                    {"email": "%s", "password": "%s", "username": "load-test"}""".formatted(email, password));
            String login = post(client, "/api/v1/auth/login", """
                    {"email": "%s", "password": "%s"}""".formatted(email, password));
            token = JSON.readTree(login).path("access_token").asText();
            if (token.isEmpty()) {
                throw new IllegalStateException("the login answered no access token: " + login);
            }
            for (String dish : DISHES) {
                String places = post(client, "/api/v1/map/advance_search", """
                        {"text_query": "%s", "location_bias": {"rectangle": {"low": {"latitude": 35.64,
                         "longitude": 139.68}, "high": {"latitude": 35.68, "longitude": 139.72}}},
                         "max_result_count": 5}""".formatted(dish));
                for (JsonNode place : JSON.readTree(places).path("places")) {
                    PLACES.add(Map.of("placeId", place.path("id").asText(), "placeName", dish));
                }
            }
            if (PLACES.isEmpty()) {
                throw new IllegalStateException("no place found near Shibuya to open during the load");
            }
        } catch (IOException notJson) {
            throw new IllegalStateException("the gateway's answer was not JSON", notJson);
        }
    }

    /** A POST that waits out a 429 as the gateway asks (logins share a small bucket per address). */
    private static String post(HttpClient client, String path, String body) {
        try {
            for (int attempt = 1; ; attempt++) {
                HttpRequest.Builder request =
                        HttpRequest.newBuilder(URI.create(BASE_URL + path)).header("Content-Type", "application/json");
                if (token != null) {
                    request.header("Authorization", "Bearer " + token);
                }
                HttpResponse<String> answer = client.send(
                        request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() / 100 == 2) {
                    return answer.body();
                }
                if (answer.statusCode() != 429 || attempt == 5) {
                    throw new IllegalStateException(path + " answered " + answer.statusCode() + ": " + answer.body());
                }
                Thread.sleep(Duration.ofSeconds(
                        answer.headers().firstValueAsLong("Retry-After").orElse(5)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("no gateway at " + BASE_URL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
