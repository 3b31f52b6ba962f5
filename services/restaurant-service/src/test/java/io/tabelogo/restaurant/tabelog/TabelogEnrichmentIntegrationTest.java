package io.tabelogo.restaurant.tabelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tabelogo.platformtest.TestRedis;
import io.tabelogo.restaurant.RestaurantServiceIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/** The spider's events written to the real stream in the shared Redis, consumed by the running service. */
class TabelogEnrichmentIntegrationTest extends RestaurantServiceIntegrationTest {

    static final String STREAM = "tabelogo:events:spider";
    static final String DEAD_LETTERS = "restaurant:tabelog-events:dead-letter";

    @Autowired
    TestRedis testRedis;

    @Autowired
    TabelogEventConsumer consumer;

    private StringRedisTemplate events;
    private final String placeId = "ChIJ" + UUID.randomUUID().toString().replace("-", "");
    private String restaurantId;

    @BeforeEach
    void aGooglePlace() {
        events = testRedis.database(5);
        restaurantId = create("""
                {"name": "Ramen Nagi", "source": "google", "external_id": "%s", "area": "Tokyo",
                 "phone": "03-1111-2222"}""".formatted(placeId)).get("id").asString();
    }

    @Test
    void anEventStoresTheBestMatchAndIsAcknowledged() {
        double appliedBefore = metric("applied");
        publish(event(UUID.randomUUID(), "job-" + UUID.randomUUID(), placeId, 3.72));

        await().atMost(Duration.ofSeconds(10)).until(() -> get(tabelogPath()).statusCode() == 200);

        JsonNode tabelog = json(get(tabelogPath())).get("tabelog");
        assertThat(tabelog.get("url").asString()).isEqualTo("https://tabelog.com/tokyo/A1303/A130301/13123456/");
        assertThat(tabelog.get("rating").asDouble()).isEqualTo(3.72);
        assertThat(tabelog.get("review_count").asInt()).isEqualTo(812);
        assertThat(tabelog.get("updated_at").asString()).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(json(get("/api/v1/restaurants/" + restaurantId))
                        .get("restaurant")
                        .get("tabelog_rating")
                        .asDouble())
                .as("the cached restaurant was invalidated")
                .isEqualTo(3.72);
        assertThat(metric("applied") - appliedBefore).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> pendingCount() == 0);
    }

    @Test
    void aRedeliveredEventOrAnotherEventOfTheSameJobChangesNothing() {
        UUID eventId = UUID.randomUUID();
        String jobId = "job-" + UUID.randomUUID();
        publish(event(eventId, jobId, placeId, 3.72));
        await().atMost(Duration.ofSeconds(10)).until(() -> get(tabelogPath()).statusCode() == 200);
        double duplicatesBefore = metric("duplicate");

        publish(event(eventId, jobId, placeId, 3.72));
        publish(event(UUID.randomUUID(), jobId, placeId, 4.5));

        await().atMost(Duration.ofSeconds(10)).until(() -> metric("duplicate") - duplicatesBefore == 2);
        assertThat(json(get(tabelogPath())).get("tabelog").get("rating").asDouble())
                .isEqualTo(3.72);
        assertThat(jdbc.sql("SELECT count(*) FROM tabelog_syncs WHERE job_id = ?")
                        .param(jobId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aScrapeRequestedUnderAnotherNameCannotPlantItsRating() {
        double noMatchBefore = metric("no_match");
        // Someone asked the spider for "Sushi Dai" with Ramen Nagi's place id: its results are Sushi Dai's.
        publish(sushiDaiResults());

        await().atMost(Duration.ofSeconds(10)).until(() -> metric("no_match") - noMatchBefore == 1);
        assertProblem(get(tabelogPath()), 404, "TABELOG_DATA_NOT_FOUND");
    }

    @Test
    void aJapaneseNameAnyUserTypedCannotPlantARatingButOneAnAdminSetCounts() {
        // Any signed-in user may name the place in Japanese; naming it after another restaurant must not make that
        // restaurant's Tabelog results match.
        assertThat(patch("/api/v1/restaurants/" + restaurantId, "{\"name_ja\": \"すし大\"}", asUser)
                        .statusCode())
                .isEqualTo(200);
        double noMatchBefore = metric("no_match");
        publish(sushiDaiResults());
        await().atMost(Duration.ofSeconds(10)).until(() -> metric("no_match") - noMatchBefore == 1);
        assertProblem(get(tabelogPath()), 404, "TABELOG_DATA_NOT_FOUND");

        // The same name set by an admin is the restaurant's own.
        assertThat(patch("/api/v1/restaurants/" + restaurantId, "{\"name_ja\": \"すし大\"}", asAdmin)
                        .statusCode())
                .isEqualTo(200);
        publish(sushiDaiResults());
        await().atMost(Duration.ofSeconds(10)).until(() -> get(tabelogPath()).statusCode() == 200);
        assertThat(json(get(tabelogPath())).get("tabelog").get("url").asString())
                .isEqualTo("https://tabelog.com/tokyo/A1313/A131301/13000002/");
    }

    @Test
    void anOlderScrapeNeverReplacesTheDataOfALaterOne() {
        publish(event(UUID.randomUUID(), "job-" + UUID.randomUUID(), placeId, 3.72, "2026-11-24T10:00:00Z"));
        await().atMost(Duration.ofSeconds(10)).until(() -> get(tabelogPath()).statusCode() == 200);
        double staleBefore = metric("stale");

        // A job that finished earlier, delivered late (a redelivery after an outage, a slow replica).
        publish(event(UUID.randomUUID(), "job-" + UUID.randomUUID(), placeId, 1.5, "2026-11-24T09:00:00Z"));
        await().atMost(Duration.ofSeconds(10)).until(() -> metric("stale") - staleBefore == 1);
        assertThat(json(get(tabelogPath())).get("tabelog").get("rating").asDouble())
                .isEqualTo(3.72);

        publish(event(UUID.randomUUID(), "job-" + UUID.randomUUID(), placeId, 4.1, "2026-11-24T11:00:00Z"));
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        json(get(tabelogPath())).get("tabelog").get("rating").asDouble() == 4.1);
        assertThat(json(get(tabelogPath())).get("tabelog").get("updated_at").asString())
                .isEqualTo("2026-11-24T11:00:00Z");
    }

    @Test
    void malformedEventsAreDeadLetteredWithTheReasonAndDoNotBlockTheGroup() {
        String marker = UUID.randomUUID().toString();
        events.opsForStream().add(STREAM, Map.of("event", "not json " + marker));
        events.opsForStream().add(STREAM, Map.of("event", "{}", "extra", marker));
        events.opsForStream()
                .add(
                        STREAM,
                        Map.of(
                                "event",
                                event(UUID.randomUUID(), marker, placeId, 3.0)
                                        .replace("\"version\": 1", "\"version\": 2")));
        events.opsForStream().add(STREAM, Map.of("event", event(UUID.randomUUID(), marker + "-2", "", 3.0)));
        publish(event(UUID.randomUUID(), "job-" + UUID.randomUUID(), placeId, 3.9));

        await().atMost(Duration.ofSeconds(10)).until(() -> get(tabelogPath()).statusCode() == 200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deadLettersWith(marker).size() == 4);
        assertThat(deadLettersWith(marker))
                .extracting(entry -> entry.getValue().get("reason").toString())
                .containsExactlyInAnyOrder(
                        "not a scrape.completed event: Unrecognized token 'not': was expecting (JSON String, Number, "
                                + "Array, Object or token 'null', 'true' or 'false')",
                        "the entry must have exactly one field, event",
                        "unsupported version 2",
                        "no google_id");
        await().atMost(Duration.ofSeconds(5)).until(() -> pendingCount() == 0);
    }

    @Test
    void anEventLeftPendingByACrashedConsumerIsTakenOverAndApplied() {
        consumer.stop(); // so that only the "crashed" consumer below can take the event
        try {
            try {
                events.opsForStream().createGroup(STREAM, ReadOffset.from("0"), "restaurant-service");
            } catch (RuntimeException exists) {
                // BUSYGROUP: the service created it already
            }
            publish(event(UUID.randomUUID(), "job-" + UUID.randomUUID(), placeId, 3.55));
            List<MapRecord<String, Object, Object>> taken = events.opsForStream()
                    .read(
                            Consumer.from("restaurant-service", "crashed-replica"),
                            StreamReadOptions.empty().count(100),
                            StreamOffset.create(STREAM, ReadOffset.lastConsumed()));
            assertThat(taken).isNotEmpty(); // read, never acknowledged: the replica "crashed"
        } finally {
            consumer.start();
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> get(tabelogPath()).statusCode() == 200);
        assertThat(json(get(tabelogPath())).get("tabelog").get("rating").asDouble())
                .isEqualTo(3.55);
        await().atMost(Duration.ofSeconds(5)).until(() -> pendingCount() == 0);
    }

    @Test
    void theConsumerRecoversWhenRedisLosesTheStreamAndItsGroup() {
        events.delete(STREAM); // as after a Redis restart without persistence

        publish(event(UUID.randomUUID(), "job-" + UUID.randomUUID(), placeId, 3.61));

        await().atMost(Duration.ofSeconds(10)).until(() -> get(tabelogPath()).statusCode() == 200);
    }

    @Test
    void anEventForAPlaceWithoutARestaurantIsRecordedAndAcknowledged() {
        double before = metric("no_restaurant");

        publish(event(UUID.randomUUID(), "job-" + UUID.randomUUID(), "ChIJnobody" + UUID.randomUUID(), 3.1));

        await().atMost(Duration.ofSeconds(10)).until(() -> metric("no_restaurant") - before == 1);
        assertProblem(get(tabelogPath()), 404, "TABELOG_DATA_NOT_FOUND");
        assertProblem(get("/api/v1/restaurants/" + UUID.randomUUID() + "/tabelog"), 404, "RESTAURANT_NOT_FOUND");
        assertProblem(get("/api/v1/restaurants/nope/tabelog"), 400, "VALIDATION_FAILED");
    }

    private String tabelogPath() {
        return "/api/v1/restaurants/" + restaurantId + "/tabelog";
    }

    /** Tabelog's results for "Sushi Dai" (すし大), reported for Ramen Nagi's place id. */
    private String sushiDaiResults() {
        return """
                {"event_id": "%s", "type": "scrape.completed", "version": 1, "job_id": "job-%s", "google_id": "%s",
                 "area": "Tokyo", "place_name": "Sushi Dai", "place_name_ja": "すし大",
                 "results": [
                   {"link": "https://tabelog.com/tokyo/A1313/A131301/13000001/", "name": "Sushi Dai", "rating": 1.1,
                    "rating_count": 3, "bookmarks": 0, "phone": "03-5555-0000", "types": ["sushi"], "photos": []},
                   {"link": "https://tabelog.com/tokyo/A1313/A131301/13000002/", "name": "すし大", "rating": 1.2,
                    "rating_count": 3, "bookmarks": 0, "phone": null, "types": ["sushi"], "photos": []}
                 ],
                 "completed_at": "2026-11-24T10:00:00Z"}""".formatted(UUID.randomUUID(), UUID.randomUUID(), placeId);
    }

    private void publish(String event) {
        events.opsForStream().add(STREAM, Map.of("event", event));
    }

    private long pendingCount() {
        return events.opsForStream().pending(STREAM, "restaurant-service").getTotalPendingMessages();
    }

    private List<MapRecord<String, Object, Object>> deadLettersWith(String marker) {
        return events.opsForStream().range(DEAD_LETTERS, Range.unbounded()).stream()
                .filter(entry -> entry.getValue().get("entry").toString().contains(marker))
                .toList();
    }

    private double metric(String outcome) {
        return metricSum("restaurant_tabelog_events_total", "outcome=\"" + outcome + "\"");
    }

    /** A scrape.completed event as the spider writes it: one good match among unrelated results. */
    static String event(UUID eventId, String jobId, String googleId, double rating) {
        return event(eventId, jobId, googleId, rating, "2026-11-24T10:00:00Z");
    }

    static String event(UUID eventId, String jobId, String googleId, double rating, String completedAt) {
        return """
                {"event_id": "%s", "type": "scrape.completed", "version": 1, "job_id": "%s", "google_id": "%s",
                 "area": "Tokyo", "place_name": "Ramen Nagi", "place_name_ja": "ラーメン凪",
                 "results": [
                   {"link": "https://tabelog.com/osaka/A2701/A270101/27000001/", "name": "Sushi Dai", "rating": 3.9,
                    "rating_count": 120, "bookmarks": 10, "phone": "06-0000-0000", "types": ["sushi"], "photos": []},
                   {"link": "https://tabelog.com/tokyo/A1303/A130301/13123456/", "name": "ラーメン凪 渋谷東口店",
                    "rating": %s, "rating_count": 812, "bookmarks": 5400, "phone": "03-1111-2222",
                    "types": ["ramen"], "photos": ["https://tabelog.com/p/1.jpg"]}
                 ],
                 "completed_at": "%s"}""".formatted(eventId, jobId, googleId, rating, completedAt);
    }
}
