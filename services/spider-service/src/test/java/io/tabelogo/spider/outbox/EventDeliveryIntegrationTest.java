package io.tabelogo.spider.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tabelogo.platform.redis.SharedRedis;
import io.tabelogo.platformtest.FreePorts;
import io.tabelogo.platformtest.PrivateRedisServer;
import io.tabelogo.platformtest.ServiceJar;
import io.tabelogo.platformtest.TestDatabase;
import io.tabelogo.platformtest.TestPostgres;
import io.tabelogo.platformtest.TestTokens;
import io.tabelogo.spider.SpiderServiceIntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import tools.jackson.databind.JsonNode;

/**
 * A finished job's rating reaches the real restaurant-service (its jar, on this test's Redis and its own database)
 * although the event was in the stream only while restaurant-service was stopped, and Redis then restarted without
 * its data: the outbox keeps the event until restaurant-service's group acknowledged it, and publishes it again.
 */
class EventDeliveryIntegrationTest extends SpiderServiceIntegrationTest {

    private static final TestDatabase RESTAURANT_DATABASE = TestPostgres.createDatabase();
    private static ServiceJar restaurantService;

    @Autowired
    PrivateRedisServer redisServer;

    @Autowired
    SharedRedis sharedRedis;

    @AfterAll
    static void stopRestaurantService() {
        if (restaurantService != null) {
            restaurantService.close();
        }
        TestPostgres.drop(RESTAURANT_DATABASE);
    }

    @Test
    void theRatingArrivesAfterTheConsumerWasDownAndRedisLostTheEvent() throws Exception {
        restaurantService = ServiceJar.start(
                "restaurant-service",
                Map.of(
                        "TABELOGO_DB_URL", RESTAURANT_DATABASE.url(),
                        "TABELOGO_DB_USER", RESTAURANT_DATABASE.username(),
                        "TABELOGO_DB_PASSWORD", RESTAURANT_DATABASE.password(),
                        "TABELOGO_REDIS_URL", redisServer.url(1),
                        "TABELOGO_SHARED_REDIS_URL", redisServer.url(5),
                        "TABELOGO_JWKS_URI", TOKENS.jwksUri(),
                        "TABELOGO_SERVICE_TOKEN_URI", TOKENS.serviceTokenUri(),
                        "TABELOGO_SERVICE_SECRET", TestTokens.CLIENT_SECRET,
                        "TABELOGO_GRPC_PORT", Integer.toString(FreePorts.next()),
                        "TABELOGO_MAP_GRPC_ADDRESS", "static://127.0.0.1:" + FreePorts.next()));
        restaurantService.awaitReady();
        String googleId = newPlaceId();
        // The place as restaurant-service knows it: Tabelog's page for it lists the same phone, in Tokyo.
        HttpResponse<String> created = send(HttpRequest.newBuilder(restaurantService.http("/api/v1/restaurants"))
                .header("Authorization", "Bearer " + TOKENS.adminAccessToken("admin"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "Delivery Noodle", "source": "google", "external_id": "%s", "area": "Tokyo",
                         "phone": "03-1234-5678"}""".formatted(googleId)))
                .build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String restaurantId = json(created).get("restaurant").get("id").asString();
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> sharedRedis.template().opsForStream().groups(EVENTS).stream()
                        .anyMatch(group -> group.groupName().equals("restaurant-service")));

        restaurantService.stop();
        String jobId = startJob(googleId, "Delivery " + UUID.randomUUID(), 2);
        assertThat(finished(jobId).get("status").asString()).isEqualTo("COMPLETED");
        await().atMost(Duration.ofSeconds(10)).until(() -> onStream(jobId));
        redisServer.stop();
        redisServer.startAgain(); // empty: no stream, no group, no event
        assertThat(onStream(jobId)).isFalse();
        restaurantService.startAgain();
        restaurantService.awaitReady();

        JsonNode tabelog = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> send(HttpRequest.newBuilder(
                                        restaurantService.http("/api/v1/restaurants/" + restaurantId + "/tabelog"))
                                .build()),
                        answer -> answer.statusCode() == 200)
                .body()
                .transform(body -> JSON.readTree(body));
        assertThat(tabelog.get("tabelog").get("rating").asDouble()).isEqualTo(3.58);
        assertThat(metricSum("spider_outbox_republished_total")).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> confirmed(jobId));
    }

    private boolean onStream(String jobId) {
        try {
            return sharedRedis.template().opsForStream().range(EVENTS, Range.unbounded()).stream()
                    .anyMatch(entry -> entry.getValue().get("event").toString().contains(jobId));
        } catch (RuntimeException redisDown) {
            return false;
        }
    }

    private boolean confirmed(String jobId) {
        return jdbc.sql("SELECT confirmed_at IS NOT NULL FROM scrape_outbox WHERE job_id = ?")
                .param(UUID.fromString(jobId))
                .query(Boolean.class)
                .single();
    }
}
