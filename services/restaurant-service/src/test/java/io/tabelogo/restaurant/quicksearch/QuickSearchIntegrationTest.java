package io.tabelogo.restaurant.quicksearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.tabelogo.api.map.v1.AddressComponent;
import io.tabelogo.api.map.v1.LatLng;
import io.tabelogo.api.map.v1.LocalizedText;
import io.tabelogo.api.map.v1.OpeningHours;
import io.tabelogo.api.map.v1.Photo;
import io.tabelogo.api.map.v1.Place;
import io.tabelogo.api.map.v1.PriceLevel;
import io.tabelogo.restaurant.RestaurantServiceIntegrationTest;
import io.tabelogo.restaurant.catalog.RestaurantCatalog;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class QuickSearchIntegrationTest extends RestaurantServiceIntegrationTest {

    @Autowired
    RestaurantCatalog catalog;

    private final String placeId = "ChIJ" + UUID.randomUUID().toString().replace("-", "");

    @Test
    void aNewPlaceIsFetchedFromMapServiceConvertedAndStored() {
        MAP.knows(ramenShop(placeId, 4.3, "Tokyo"));

        HttpResponse<String> response = quickSearch(placeId);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Cache-Status")).hasValue("MISS");
        assertThat(response.headers().firstValue("X-Data-Source")).hasValue("MAP_SERVICE");
        assertThat(response.headers().firstValue("X-Data-Age")).hasValue("0s");
        assertThat(response.headers().firstValue("X-Data-Stale")).isEmpty();
        JsonNode restaurant = json(response).get("restaurant");
        assertThat(restaurant.get("name").asString()).isEqualTo("Ramen Nagi");
        assertThat(restaurant.get("source").asString()).isEqualTo("google");
        assertThat(restaurant.get("external_id").asString()).isEqualTo(placeId);
        assertThat(restaurant.get("address").asString()).isEqualTo("1-3-1 Shibuya, Tokyo");
        assertThat(restaurant.get("latitude").asDouble()).isEqualTo(35.659);
        assertThat(restaurant.get("rating").asDouble()).isEqualTo(4.3);
        assertThat(restaurant.get("price_range").asString()).isEqualTo("$$");
        assertThat(restaurant.get("cuisine_type").asString()).isEqualTo("ramen");
        assertThat(restaurant.get("area").asString()).isEqualTo("Tokyo");
        assertThat(restaurant.get("phone").asString()).isEqualTo("03-1111-2222");
        assertThat(restaurant.get("website").asString()).isEqualTo("https://nagi.example.jp/");
        assertThat(restaurant.get("opening_hours").get("monday").asString()).isEqualTo("11:00 AM – 10:00 PM");
        assertThat(restaurant.get("opening_hours").get("tuesday").asString()).isEqualTo("Closed");
        JsonNode metadata = restaurant.get("metadata");
        assertThat(metadata.get("photos").get(0).get("name").asString()).isEqualTo("places/" + placeId + "/photos/p1");
        assertThat(metadata.get("open_now").asBoolean()).isTrue();
        assertThat(metadata.get("user_ratings_total").asInt()).isEqualTo(1200);
        assertThat(metadata.get("types").get(0).asString()).isEqualTo("ramen_restaurant");
        assertThat(metadata.get("editorial_summary").asString()).isEqualTo("Niboshi ramen.");
        assertThat(storedRows(placeId)).isEqualTo(1);
    }

    @Test
    void aFreshStoredPlaceIsAnsweredWithoutAskingMapService() {
        MAP.knows(ramenShop(placeId, 4.3, "Tokyo"));
        quickSearch(placeId);
        int callsBefore = MAP.calls();
        clock.advance(Duration.ofHours(2));

        HttpResponse<String> response = quickSearch(placeId);

        assertThat(MAP.calls()).isEqualTo(callsBefore);
        assertThat(response.headers().firstValue("X-Cache-Status")).hasValue("HIT");
        assertThat(response.headers().firstValue("X-Data-Source")).hasValue("CACHE");
        assertThat(response.headers().firstValue("X-Data-Age").orElseThrow()).matches("72\\d\\ds");
    }

    @Test
    void aFreshAnswerMayBeKeptBrieflyAndTheSameETagGets304() {
        MAP.knows(ramenShop(placeId, 4.3, "Tokyo"));
        HttpResponse<String> first = quickSearch(placeId);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("max-age=60, public");

        HttpResponse<String> again = get("/api/v1/restaurants/quick-search/" + placeId, "If-None-Match", etag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(again.headers().firstValue("X-Data-Source")).hasValue("CACHE");
    }

    @Test
    void aPlaceOlderThanThreeDaysIsRefreshedInFullInTheSameRow() {
        MAP.knows(ramenShop(placeId, 4.3, "Tokyo"));
        String id = json(quickSearch(placeId)).get("restaurant").get("id").asString();
        MAP.knows(ramenShop(placeId, 3.8, "Kanagawa").toBuilder()
                .setPriceLevel(PriceLevel.PRICE_LEVEL_VERY_EXPENSIVE)
                .build());
        clock.advance(Duration.ofDays(3).plusMinutes(1));

        HttpResponse<String> response = quickSearch(placeId);

        assertThat(response.headers().firstValue("X-Data-Source")).hasValue("MAP_SERVICE");
        JsonNode restaurant = json(response).get("restaurant");
        assertThat(restaurant.get("id").asString()).isEqualTo(id);
        assertThat(restaurant.get("rating").asDouble()).isEqualTo(3.8);
        assertThat(restaurant.get("area").asString()).isEqualTo("Kanagawa");
        assertThat(restaurant.get("price_range").asString()).isEqualTo("$$$$");
        assertThat(storedRows(placeId)).isEqualTo(1);
    }

    @Test
    void aUsersEditOfTheJapaneseNameDoesNotKeepThePlaceFromBeingRefreshed() {
        MAP.knows(ramenShop(placeId, 4.3, "Tokyo"));
        String id = json(quickSearch(placeId)).get("restaurant").get("id").asString();
        // Fetched from map-service four days ago; a user names it in Japanese now.
        jdbc.sql("UPDATE restaurants SET synced_at = synced_at - interval '4 days' WHERE id = ?::uuid")
                .param(id)
                .update();
        assertThat(patch("/api/v1/restaurants/" + id, "{\"name_ja\": \"らーめん\"}", asUser)
                        .statusCode())
                .isEqualTo(200);
        MAP.knows(ramenShop(placeId, 3.9, "Tokyo"));
        int callsBefore = MAP.calls();

        HttpResponse<String> response = quickSearch(placeId);

        assertThat(response.headers().firstValue("X-Data-Source")).hasValue("MAP_SERVICE");
        assertThat(MAP.calls()).isGreaterThan(callsBefore);
        JsonNode restaurant = json(response).get("restaurant");
        assertThat(restaurant.get("rating").asDouble()).isEqualTo(3.9);
        assertThat(restaurant.get("name_ja").asString())
                .as("the user's name is kept")
                .isEqualTo("らーめん");
    }

    @Test
    void concurrentFirstSearchesOfOnePlaceLeaveOneRow() throws Exception {
        MAP.knows(ramenShop(placeId, 4.3, "Tokyo"));
        CyclicBarrier start = new CyclicBarrier(8);
        List<Future<Object>> saves = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) { // straight to the upsert, past this replica's single flight
                saves.add(threads.submit(() -> {
                    start.await();
                    return catalog.savePlace(PlaceConversion.fields(ramenShop(placeId, 4.3, "Tokyo")));
                }));
            }
            for (int i = 0; i < 8; i++) {
                saves.add(threads.submit(() -> quickSearch(placeId).statusCode()));
            }
            for (Future<Object> save : saves) {
                save.get();
            }
        }
        assertThat(storedRows(placeId)).isEqualTo(1);
    }

    @Test
    void oneFailureIsRetriedOnce() {
        MAP.knows(ramenShop(placeId, 4.3, "Tokyo"));
        MAP.failNext(Status.UNAVAILABLE);
        int callsBefore = MAP.calls();

        HttpResponse<String> response = quickSearch(placeId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(MAP.calls() - callsBefore).isEqualTo(2);
    }

    @Test
    void mapServiceDownServesAStoredPlaceStale() {
        MAP.knows(ramenShop(placeId, 4.3, "Tokyo"));
        quickSearch(placeId);
        clock.advance(Duration.ofDays(4));
        MAP.failAlways(Status.UNAVAILABLE);
        double staleBefore = metricSum("restaurant_stale_data_returns_total");

        HttpResponse<String> response = quickSearch(placeId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Data-Stale")).hasValue("true");
        assertThat(response.headers().firstValue("X-Data-Source")).hasValue("CACHE");
        assertThat(json(response).get("restaurant").get("rating").asDouble()).isEqualTo(4.3);
        assertThat(metricSum("restaurant_stale_data_returns_total")).isEqualTo(staleBefore + 1);
        // Out of date: caches ask again every time, so fresh data shows as soon as map-service is back.
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache, public");
    }

    @Test
    void mapServiceHangingAnswers503ForAnUnknownPlaceWithinTheDeadline() {
        MAP.delayEachCall(Duration.ofSeconds(10));

        long started = System.nanoTime();
        HttpResponse<String> response = quickSearch(placeId);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        JsonNode problem = assertProblem(response, 503, "MAP_UNAVAILABLE");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(problem.get("detail").asString()).doesNotContain("DEADLINE", "io.grpc");
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void failuresOpenTheCircuitSoLaterSearchesFailFastWithoutCallingMap() {
        MAP.failAlways(Status.UNAVAILABLE);
        for (int i = 0; i < 5; i++) {
            quickSearch("ChIJopen" + i);
        }
        int callsWhenOpen = MAP.calls();

        long started = System.nanoTime();
        HttpResponse<String> response = quickSearch(placeId);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertProblem(response, 503, "MAP_UNAVAILABLE");
        assertThat(MAP.calls()).isEqualTo(callsWhenOpen);
        assertThat(took).isLessThan(Duration.ofMillis(500));
        assertThat(metricSum("restaurant_map_service_calls_total")).isPositive();
    }

    @Test
    void anUnknownPlaceIs404AndDoesNotTripTheCircuit() {
        for (int i = 0; i < 6; i++) {
            assertProblem(quickSearch("ChIJunknown" + i), 404, "PLACE_NOT_FOUND");
        }
        MAP.knows(ramenShop(placeId, 4.3, "Tokyo"));

        assertThat(quickSearch(placeId).statusCode()).isEqualTo(200);
    }

    @Test
    void aClientIsAllowedSixtyQuickSearchesAMinuteThenRefusedWithNothingStored() {
        MAP.knows(ramenShop(placeId, 4.3, "Tokyo"));
        String[] user = {"Authorization", "Bearer " + TOKENS.accessToken("quick-" + UUID.randomUUID())};
        long started = System.nanoTime();
        int allowed = 0;
        HttpResponse<String> answer;
        while ((answer = get("/api/v1/restaurants/quick-search/" + placeId, user)).statusCode() == 200) {
            assertThat(answer.headers().firstValue("RateLimit-Limit")).hasValue("60");
            allowed++;
            assertThat(allowed).as("never refused").isLessThan(200);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        // 60 at once, plus the one token a second the bucket refills meanwhile.
        assertThat(allowed).isBetween(60, 61 + (int) seconds);
        assertProblem(answer, 429, "RATE_LIMITED");
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();

        // A refused search of a new place stores nothing (a token refilled meanwhile may let one through: retried).
        for (int attempt = 0; attempt < 5; attempt++) {
            String unseen = "ChIJ" + UUID.randomUUID().toString().replace("-", "");
            MAP.knows(ramenShop(unseen, 4.0, "Tokyo"));
            HttpResponse<String> refused = get("/api/v1/restaurants/quick-search/" + unseen, user);
            if (refused.statusCode() == 429) {
                assertThat(storedRows(unseen)).isZero();
                return;
            }
        }
        throw new AssertionError("five searches in a row passed an exhausted bucket");
    }

    @Test
    void aMalformedPlaceIdIs400() {
        for (String bad : List.of("a%20b", "%27%20OR%201=1--", "x".repeat(301))) {
            JsonNode problem = assertProblem(quickSearch(bad), 400, "VALIDATION_FAILED");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("place_id");
        }
        assertProblem(quickSearch("a%3Bb"), 400, "MALFORMED_REQUEST"); // the HTTP firewall refuses encoded ;
    }

    private HttpResponse<String> quickSearch(String id) {
        return get("/api/v1/restaurants/quick-search/" + id);
    }

    private long storedRows(String externalId) {
        return jdbc.sql("SELECT count(*) FROM restaurants WHERE source = 'google' AND external_id = ? "
                        + "AND deleted_at IS NULL")
                .param(externalId)
                .query(Long.class)
                .single();
    }

    static Place ramenShop(String id, double rating, String prefecture) {
        return Place.newBuilder()
                .setId(id)
                .setDisplayName(LocalizedText.newBuilder().setText("Ramen Nagi").setLanguageCode("en"))
                .setFormattedAddress("1-3-1 Shibuya, Tokyo")
                .setLocation(LatLng.newBuilder().setLatitude(35.659).setLongitude(139.7))
                .setRating(rating)
                .setUserRatingCount(1200)
                .setPriceLevel(PriceLevel.PRICE_LEVEL_MODERATE)
                .addAllTypes(List.of("ramen_restaurant", "japanese_restaurant", "restaurant", "food"))
                .addPhotos(Photo.newBuilder()
                        .setName("places/" + id + "/photos/p1")
                        .setWidthPx(800)
                        .setHeightPx(600))
                .setRegularOpeningHours(OpeningHours.newBuilder()
                        .addWeekdayDescriptions("Monday: 11:00 AM – 10:00 PM")
                        .addWeekdayDescriptions("Tuesday: Closed"))
                .setCurrentOpeningHours(OpeningHours.newBuilder().setOpenNow(true))
                .addAddressComponents(AddressComponent.newBuilder()
                        .setLongText(prefecture + " Prefecture")
                        .setShortText(prefecture)
                        .addTypes("administrative_area_level_1"))
                .setNationalPhoneNumber("03-1111-2222")
                .setInternationalPhoneNumber("+81 3-1111-2222")
                .setWebsiteUri("https://nagi.example.jp/")
                .setEditorialSummary(LocalizedText.newBuilder().setText("Niboshi ramen."))
                .build();
    }
}
