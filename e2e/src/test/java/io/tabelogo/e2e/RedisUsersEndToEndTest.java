package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The platform runs every service as its own Redis user under the shipped ACL rules (Platform): a command a rule
 * forgot would fail in that service, count as a Redis failure and open its {@code redis} breaker. After a journey's
 * worth of traffic every breaker is still closed and no service fell back for want of Redis.
 */
class RedisUsersEndToEndTest extends ThroughTheGateway {

    @Test
    void everyServiceDoesItsRedisWorkAsItsOwnUser() {
        String token = newUserToken();
        get("/api/v1/restaurants?q=ramen");
        get("/api/v1/me/favorites", bearer(token));
        // A scrape: spider's shared Tabelog rate (a script on Redis' clock), result cache and event stream.
        String job = json(post(
                        "/api/v1/spider/scrape",
                        "application/json",
                        """
                        {"google_id": "e2e-acl-%s", "place_name": "Acl Ramen", "area": "Shibuya", "max_results": 1}""".formatted(java.util.UUID.randomUUID()),
                        bearer(token)))
                .get("job_id")
                .asString();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> json(get("/api/v1/spider/jobs/" + job, bearer(token)))
                        .get("status")
                        .asString()
                        .equals("COMPLETED"));
        post("/api/v1/auth/logout", "application/json", "", bearer(token)); // the denylist, written and read
        get("/api/v1/me/favorites", bearer(token));

        for (Map.Entry<String, Integer> service : PLATFORM.metricsPorts.entrySet()) {
            String metrics = send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + service.getValue() + "/metrics"))
                            .build())
                    .body();
            assertThat(metrics.lines()
                            .filter(line -> line.startsWith("resilience4j_circuitbreaker_state{")
                                    && line.contains("name=\"redis\"")
                                    && line.contains("state=\"closed\"")))
                    .as(service.getKey() + "'s redis breaker")
                    .allSatisfy(line -> assertThat(line).endsWith(" 1.0"));
            assertThat(metrics.lines()
                            .filter(line -> line.startsWith("redis_guard_fallbacks_total{"))
                            .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                            .sum())
                    .as(service.getKey() + " fell back for want of Redis")
                    .isZero();
        }
    }
}
