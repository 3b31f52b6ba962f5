package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The platform runs every service as its own Redis user under the shipped ACL rules (Platform): a command or key a
 * rule forgot is refused, which Redis records in its ACL LOG, and which the service feels as a Redis failure (a
 * fallback, an open {@code redis} breaker). After a journey's worth of traffic, and whatever the end-to-end tests
 * before this one did, Redis refused nothing and no service fell back during the journey. (Fallbacks are counted
 * over the journey only: a connection that timed out while five JVMs started on two cores is not a rule's fault.)
 */
class RedisUsersEndToEndTest extends ThroughTheGateway {

    @Test
    void everyServiceDoesItsRedisWorkAsItsOwnUser() {
        Map<String, Double> fallbacksBefore = fallbacks();
        String token = newUserToken();
        get("/api/v1/restaurants?q=ramen");
        get("/api/v1/me/favorites", bearer(token));
        // A scrape: spider's shared Tabelog rate (a script on Redis' clock), result cache and event stream.
        String job = json(post(
                        "/api/v1/spider/scrape", "application/json", """
                        {"google_id": "e2e-acl-%s", "place_name": "Acl Ramen", "area": "Shibuya", "max_results": 1}""".formatted(UUID.randomUUID()), bearer(token)))
                .get("job_id")
                .asString();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> json(get("/api/v1/spider/jobs/" + job, bearer(token)))
                        .get("status")
                        .asString()
                        .equals("COMPLETED"));
        post("/api/v1/auth/logout", "application/json", "", bearer(token)); // the denylist, written and read
        get("/api/v1/me/favorites", bearer(token));

        RedisClient admin = RedisClient.create(PLATFORM.redis.url(0));
        try (var connection = admin.connect()) {
            assertThat(connection.sync().aclLog())
                    .as("what Redis refused a service")
                    .isEmpty();
        } finally {
            admin.shutdown();
        }
        assertThat(fallbacks()).as("fell back for want of Redis").isEqualTo(fallbacksBefore);
        for (Map.Entry<String, Integer> service : PLATFORM.metricsPorts.entrySet()) {
            assertThat(metrics(service.getValue())
                            .lines()
                            .filter(line -> line.startsWith("resilience4j_circuitbreaker_state{")
                                    && line.contains("name=\"redis\"")
                                    && line.contains("state=\"closed\"")))
                    .as(service.getKey() + "'s redis breaker")
                    .allSatisfy(line -> assertThat(line).endsWith(" 1.0"));
        }
    }

    /** Each service's Redis fallbacks so far. */
    private Map<String, Double> fallbacks() {
        Map<String, Double> fallbacks = new LinkedHashMap<>();
        PLATFORM.metricsPorts.forEach((service, port) -> fallbacks.put(
                service,
                metrics(port)
                        .lines()
                        .filter(line -> line.startsWith("redis_guard_fallbacks_total{"))
                        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                        .sum()));
        return fallbacks;
    }

    private String metrics(int port) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .build())
                .body();
    }
}
