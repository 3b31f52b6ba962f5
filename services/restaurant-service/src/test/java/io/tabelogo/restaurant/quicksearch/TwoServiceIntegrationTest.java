package io.tabelogo.restaurant.quicksearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platformtest.ServiceHttpClient;
import io.tabelogo.platformtest.TestClock;
import io.tabelogo.platformtest.TestTokens;
import io.tabelogo.platformtest.WithPostgres;
import io.tabelogo.platformtest.WithRedis;
import io.tabelogo.restaurant.MapServiceProcess;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * restaurant-service and the real map-service (offline dataset) over real gRPC: a quick search converts and stores
 * a real place; with map-service killed, the stored place is served stale and an unknown one is a quick 503.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.grpc.server.port=0")
@WithPostgres
@WithRedis
@Import(TestClock.AsTheClock.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoServiceIntegrationTest implements ServiceHttpClient {

    /** A fake of auth-service: restaurant-service's service tokens, and the key set map-service checks them with. */
    static final TestTokens TOKENS = TestTokens.start();

    static final MapServiceProcess REAL_MAP = MapServiceProcess.start(TOKENS.jwksUri());
    static String placeId;

    @DynamicPropertySource
    static void realMap(DynamicPropertyRegistry properties) {
        properties.add("spring.grpc.client.channels.map.address", REAL_MAP::grpcAddress);
        properties.add("tabelogo.security.jwt.jwks-uri", TOKENS::jwksUri);
        properties.add("tabelogo.security.service-token.uri", TOKENS::serviceTokenUri);
        properties.add("tabelogo.security.service-token.secret", () -> TestTokens.CLIENT_SECRET);
    }

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Override
    public int port() {
        return port;
    }

    @BeforeAll
    static void mapReady() throws InterruptedException {
        REAL_MAP.awaitReady();
    }

    @AfterAll
    static void stopMap() {
        REAL_MAP.close();
    }

    @Test
    @Order(1)
    void aQuickSearchFetchesARealPlaceOverGrpcAndStoresItConverted() {
        JsonNode mapPlace = somePlaceOfTheOfflineDataset();
        placeId = mapPlace.get("id").asString();

        HttpResponse<String> first = get("/api/v1/restaurants/quick-search/" + placeId);
        HttpResponse<String> second = get("/api/v1/restaurants/quick-search/" + placeId);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Data-Source")).hasValue("MAP_SERVICE");
        assertThat(second.headers().firstValue("X-Data-Source")).hasValue("CACHE");
        JsonNode restaurant = json(first).get("restaurant");
        assertThat(restaurant.get("name").asString())
                .isEqualTo(mapPlace.get("displayName").get("text").asString());
        assertThat(restaurant.get("address").asString())
                .isEqualTo(mapPlace.get("formattedAddress").asString());
        assertThat(restaurant.get("rating").asDouble())
                .isEqualTo(mapPlace.get("rating").asDouble());
        assertThat(restaurant.get("price_range").asString()).matches("\\$+");
        assertThat(restaurant.get("area").asString()).isNotBlank();
        assertThat(restaurant.get("cuisine_type").asString()).isNotBlank();
        assertThat(restaurant.get("opening_hours").get("monday").asString()).isNotBlank();
        assertThat(restaurant.get("metadata").get("types").size()).isPositive();
        assertThat(restaurant.get("latitude").asDouble())
                .isEqualTo(mapPlace.get("location").get("latitude").asDouble());
    }

    @Test
    @Order(2)
    void anUnknownPlaceIsNotFoundByTheRealMapService() {
        assertProblem(get("/api/v1/restaurants/quick-search/ChIJdoesNotExistAnywhere"), 404, "PLACE_NOT_FOUND");
    }

    @Test
    @Order(3)
    void withMapServiceKilledAStoredPlaceIsServedStaleAndAnUnknownOneIsAQuick503() throws InterruptedException {
        REAL_MAP.kill();
        clock.advance(Duration.ofDays(4));

        HttpResponse<String> stored = get("/api/v1/restaurants/quick-search/" + placeId);
        long started = System.nanoTime();
        HttpResponse<String> unknown = get("/api/v1/restaurants/quick-search/ChIJneverStoredAnywhere");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.headers().firstValue("X-Data-Stale")).hasValue("true");
        assertProblem(unknown, 503, "MAP_UNAVAILABLE");
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    /** The first ramen place map-service's own HTTP search finds near Shibuya. */
    private JsonNode somePlaceOfTheOfflineDataset() {
        HttpResponse<String> found = send(HttpRequest.newBuilder(REAL_MAP.http("/api/v1/map/advance_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"text_query": "ramen", "max_result_count": 1, "location_bias": {"rectangle": {
                          "low": {"latitude": 35.64, "longitude": 139.68},
                          "high": {"latitude": 35.68, "longitude": 139.72}}}}"""))
                .build());
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return json(found).get("places").get(0);
    }
}
