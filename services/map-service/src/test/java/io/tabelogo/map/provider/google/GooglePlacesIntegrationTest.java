package io.tabelogo.map.provider.google;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.tabelogo.map.MapServiceIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * map-service with the Google provider against a local fake Places API (MockWebServer, a real HTTP server): the
 * exact requests sent, and what the service makes of Google's answers, errors and silences.
 */
@TestPropertySource(
        properties = {
            "tabelogo.map.provider.kind=google",
            "tabelogo.map.provider.google.api-key=test-api-key",
            "tabelogo.map.provider.timeout=1s",
            "tabelogo.map.provider.retry-wait=50ms",
            "resilience4j.circuitbreaker.instances.map-provider.sliding-window-size=4",
            "resilience4j.circuitbreaker.instances.map-provider.minimum-number-of-calls=4",
            "resilience4j.circuitbreaker.instances.map-provider.wait-duration-in-open-state=2s",
            "resilience4j.circuitbreaker.instances.map-provider.permitted-number-of-calls-in-half-open-state=1",
        })
class GooglePlacesIntegrationTest extends MapServiceIntegrationTest {

    private static final List<RecordedRequest> REQUESTS = new CopyOnWriteArrayList<>();
    private static final AtomicReference<Function<RecordedRequest, MockResponse>> GOOGLE = new AtomicReference<>();
    private static final MockWebServer SERVER = start();

    @DynamicPropertySource
    static void google(DynamicPropertyRegistry properties) {
        properties.add("tabelogo.map.provider.google.base-url", () -> "http://127.0.0.1:" + SERVER.getPort());
    }

    @Autowired
    CircuitBreakerRegistry breakers;

    @BeforeEach
    void freshGoogle() {
        REQUESTS.clear();
        GOOGLE.set(request -> request.getTarget().startsWith("/v1/places:searchText")
                ? json(200, "{\"places\": [" + place("ChIJsearchResult1") + "]}")
                : json(200, place(request.getUrl().pathSegments().getLast())));
        breakers.circuitBreaker("map-provider").reset();
    }

    @Test
    void detailsAreAGetWithTheKeyTheDefaultMaskAndTheLanguage() {
        String id = uniqueId();

        HttpResponse<String> response = quickSearch("{\"place_id\": \"" + id + "\", \"language_code\": \"ja\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        RecordedRequest sent = REQUESTS.getFirst();
        assertThat(sent.getMethod()).isEqualTo("GET");
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/places/" + id);
        assertThat(sent.getUrl().queryParameter("languageCode")).isEqualTo("ja");
        assertThat(sent.getHeaders().get("X-Goog-Api-Key")).isEqualTo("test-api-key");
        assertThat(sent.getHeaders().get("X-Goog-FieldMask").split(","))
                .contains(
                        "id",
                        "displayName",
                        "priceLevel",
                        "addressComponents",
                        "currentOpeningHours",
                        "regularOpeningHours",
                        "nationalPhoneNumber",
                        "internationalPhoneNumber",
                        "types",
                        "photos",
                        "userRatingCount",
                        "websiteUri");
        JsonNode body = json(response);
        assertThat(body.path("source").asString()).isEqualTo("google");
        assertThat(body.path("result").path("priceLevel").asString()).isEqualTo("PRICE_LEVEL_MODERATE");
        assertThat(body.path("result").path("googleMapsUri").asString())
                .as("Google's other fields pass through")
                .startsWith("https://maps.google.com/");
    }

    @Test
    void textSearchIsAPostWithEveryFieldAndThePlacesMask() {
        String body = """
                {"text_query": "sushi near Ginza", "max_result_count": 7, "min_rating": 4.5, "open_now": true,
                 "rank_preference": "DISTANCE", "language_code": "zh-TW", "api_mask": "reviews,displayName,id",
                 "location_bias": {"rectangle": {"low": {"latitude": 35.66, "longitude": 139.75},
                                                 "high": {"latitude": 35.68, "longitude": 139.78}}}}""";

        // A signed-in caller may ask for fields beyond Tabelogo's own (reviews): its mask goes to Google as is.
        HttpResponse<String> response = advanceSearch(body, "Authorization", "Bearer " + TOKENS.accessToken("u"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        RecordedRequest sent = REQUESTS.getFirst();
        assertThat(sent.getMethod()).isEqualTo("POST");
        assertThat(sent.getTarget()).isEqualTo("/v1/places:searchText");
        assertThat(sent.getHeaders().get("X-Goog-Api-Key")).isEqualTo("test-api-key");
        assertThat(sent.getHeaders().get("X-Goog-FieldMask")).isEqualTo("places.displayName,places.id,places.reviews");
        assertThat(sent.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode request = JSON.readTree(sent.getBody().utf8());
        assertThat(request.path("textQuery").asString()).isEqualTo("sushi near Ginza");
        assertThat(request.path("locationBias")
                        .path("rectangle")
                        .path("low")
                        .path("latitude")
                        .asDouble())
                .isEqualTo(35.66);
        assertThat(request.path("locationBias")
                        .path("rectangle")
                        .path("high")
                        .path("longitude")
                        .asDouble())
                .isEqualTo(139.78);
        assertThat(request.path("maxResultCount").asInt()).isEqualTo(7);
        assertThat(request.path("minRating").asDouble()).isEqualTo(4.5);
        assertThat(request.path("openNow").asBoolean()).isTrue();
        assertThat(request.path("rankPreference").asString()).isEqualTo("DISTANCE");
        assertThat(request.path("languageCode").asString()).isEqualTo("zh-TW");
        JsonNode answer = json(response);
        assertThat(answer.path("places").get(0).path("id").asString()).isEqualTo("ChIJsearchResult1");
        assertThat(answer.path("search_metadata").path("source").asString()).isEqualTo("google");
    }

    @Test
    void notFoundIsAnAnswerNotAFailureAndIsNotRetried() {
        GOOGLE.set(request -> json(
                404,
                "{\"error\": {\"code\": 404, \"message\": \"Requested entity was not found.\","
                        + " \"status\": \"NOT_FOUND\"}}"));

        assertProblem(quickSearch(quickSearchBody(uniqueId())), 404, "PLACE_NOT_FOUND");

        assertThat(REQUESTS).hasSize(1);
        assertThat(breakers.circuitBreaker("map-provider").getMetrics().getNumberOfFailedCalls())
                .isZero();
    }

    @Test
    void aServerErrorIsRetriedOnceAfterAPause() {
        AtomicReference<Integer> calls = new AtomicReference<>(0);
        GOOGLE.set(request -> calls.getAndUpdate(n -> n + 1) == 0
                ? json(503, "{\"error\": {\"code\": 503, \"status\": \"UNAVAILABLE\"}}")
                : json(200, place(request.getUrl().pathSegments().getLast())));

        HttpResponse<String> response = quickSearch(quickSearchBody(uniqueId()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(REQUESTS).hasSize(2);
    }

    @Test
    void persistentServerErrorsEndIn503AfterOneRetry() {
        GOOGLE.set(request -> json(500, "{\"error\": {\"code\": 500, \"status\": \"INTERNAL\"}}"));

        HttpResponse<String> response = quickSearch(quickSearchBody(uniqueId()));

        assertProblem(response, 503, "MAP_PROVIDER_UNAVAILABLE");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(REQUESTS).hasSize(2);
    }

    @Test
    void aRefusedKeyOrQuotaIsNotRetried() {
        GOOGLE.set(request -> json(403, "{\"error\": {\"code\": 403, \"status\": \"PERMISSION_DENIED\"}}"));
        assertProblem(quickSearch(quickSearchBody(uniqueId())), 503, "MAP_PROVIDER_UNAVAILABLE");
        assertThat(REQUESTS).hasSize(1);

        GOOGLE.set(request -> json(429, "{\"error\": {\"code\": 429, \"status\": \"RESOURCE_EXHAUSTED\"}}"));
        assertProblem(quickSearch(quickSearchBody(uniqueId())), 503, "MAP_PROVIDER_UNAVAILABLE");
        assertThat(REQUESTS).hasSize(2);
    }

    @Test
    void aSilentGoogleTimesOutAndIsRetriedOnce() {
        GOOGLE.set(request -> new MockResponse.Builder()
                .headersDelay(3, TimeUnit.SECONDS)
                .code(200)
                .body("{}")
                .build());

        long started = System.nanoTime();
        HttpResponse<String> response = quickSearch(quickSearchBody(uniqueId()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertProblem(response, 503, "MAP_PROVIDER_UNAVAILABLE");
        assertThat(REQUESTS).hasSize(2);
        assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofMillis(4000)); // two 1 s timeouts
    }

    @Test
    void anAnswerThatIsNotJsonIsAFailureNotA500() {
        GOOGLE.set(request -> new MockResponse.Builder()
                .code(200)
                .body("<html>captive portal</html>")
                .build());

        assertProblem(quickSearch(quickSearchBody(uniqueId())), 503, "MAP_PROVIDER_UNAVAILABLE");
    }

    @Test
    void theCircuitOpensAfterFailuresStopsCallingGoogleAndHalfOpensLater() throws InterruptedException {
        GOOGLE.set(request -> json(500, "{}"));
        quickSearch(quickSearchBody(uniqueId())); // 2 failed calls
        quickSearch(quickSearchBody(uniqueId())); // 4: the window is full and all failed
        CircuitBreaker breaker = breakers.circuitBreaker("map-provider");
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(get("/metrics").body().lines())
                .as("the state metric dashboards and alerts read")
                .anyMatch(line -> line.startsWith("resilience4j_circuitbreaker_state{")
                        && line.contains("name=\"map-provider\"")
                        && line.contains("state=\"open\"")
                        && line.endsWith(" 1.0"));
        int sent = REQUESTS.size();

        long started = System.nanoTime();
        assertProblem(quickSearch(quickSearchBody(uniqueId())), 503, "MAP_PROVIDER_UNAVAILABLE");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        assertThat(REQUESTS).as("no call while open").hasSize(sent);

        GOOGLE.set(request -> json(200, place(request.getUrl().pathSegments().getLast())));
        Thread.sleep(2_200);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(quickSearch(quickSearchBody(uniqueId())).statusCode()).isEqualTo(200);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void duringAGoogleOutageACachedPlaceIsServedStale() {
        String id = uniqueId();
        quickSearch(quickSearchBody(id));
        clock.advance(Duration.ofHours(2));
        GOOGLE.set(request -> json(503, "{}"));

        JsonNode answer = json(quickSearch(quickSearchBody(id)));

        assertThat(answer.path("source").asString()).isEqualTo("cache");
        assertThat(answer.path("stale").asBoolean()).isTrue();
        assertThat(answer.path("result").path("id").asString()).isEqualTo(id);
    }

    private static String uniqueId() {
        return "ChIJ" + Long.toString(System.nanoTime(), 36);
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json; charset=UTF-8")
                .body(body)
                .build();
    }

    /** A place as Places API (New) returns it, with some fields Tabelogo does not model. */
    private static String place(String id) {
        return """
                {"id": "%s", "displayName": {"text": "Sushi Tsubaki", "languageCode": "en"},
                 "formattedAddress": "4-2-15 Ginza, Chuo City, Tokyo 104-0061, Japan",
                 "location": {"latitude": 35.6717, "longitude": 139.765}, "rating": 4.6, "userRatingCount": 812,
                 "priceLevel": "PRICE_LEVEL_MODERATE", "types": ["sushi_restaurant", "restaurant", "food"],
                 "googleMapsUri": "https://maps.google.com/?cid=123", "businessStatus": "OPERATIONAL",
                 "regularOpeningHours": {"openNow": true, "periods": [{"open": {"day": 1, "hour": 11, "minute": 30},
                   "close": {"day": 1, "hour": 22, "minute": 0}}], "weekdayDescriptions": ["Monday: 11:30 AM – 10:00 PM"]},
                 "addressComponents": [{"longText": "Tokyo", "shortText": "Tokyo",
                   "types": ["administrative_area_level_1", "political"], "languageCode": "en"}]}
                """.formatted(id);
    }

    private static MockWebServer start() {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                REQUESTS.add(request);
                return GOOGLE.get().apply(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }
}
