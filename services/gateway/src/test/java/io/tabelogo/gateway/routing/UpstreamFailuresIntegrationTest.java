package io.tabelogo.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.gateway.GatewayIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A service that fails: one retry for GETs, 503 UPSTREAM_UNAVAILABLE, per-route timeouts, the breaker. */
class UpstreamFailuresIntegrationTest extends GatewayIntegrationTest {

    @Test
    void aGetThatLostItsConnectionIsTriedOnceMore() {
        int before = RESTAURANT.received().size();
        RESTAURANT.dropNext(1);

        HttpResponse<String> answer = get("/api/v1/restaurants/" + UUID.randomUUID());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(RESTAURANT.received().size() - before).isEqualTo(2);
    }

    @Test
    void aPostIsNotRepeatedAndAnUnreachableServiceIs503() {
        int before = MAP.received().size();
        MAP.dropNext(1);

        HttpResponse<String> answer = post("/api/v1/map/quick_search", "application/json", "{}");

        assertProblem(answer, 503, "UPSTREAM_UNAVAILABLE");
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(MAP.received().size() - before).isEqualTo(1);
    }

    @Test
    void aServiceSlowerThanItsRouteTimeoutIsCutOff() {
        RESTAURANT.delay(Duration.ofMillis(2500)); // restaurant's route timeout is 1 s in these tests
        long started = System.nanoTime();

        HttpResponse<String> answer = get("/api/v1/restaurants/" + UUID.randomUUID());

        assertProblem(answer, 503, "UPSTREAM_UNAVAILABLE");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(Duration.ofMillis(2400)); // 1 s, retried once
    }

    @Test
    void aFailingServiceOpensItsBreakerAndIsLeftAloneWhileTheOthersWork() {
        MAP.answerWith(500);
        for (int i = 0; i < 4; i++) { // the tests' window for map: 4 calls
            assertThat(post("/api/v1/map/quick_search", "application/json", "{}")
                            .statusCode())
                    .isEqualTo(500);
        }
        int before = MAP.received().size();

        HttpResponse<String> refused = post("/api/v1/map/quick_search", "application/json", "{}");

        assertProblem(refused, 503, "UPSTREAM_UNAVAILABLE");
        assertThat(refused.body()).contains("circuit breaker is open");
        assertThat(MAP.received()).hasSize(before);
        assertThat(breakers.circuitBreaker("upstream-map").getState().name()).isEqualTo("OPEN");
        assertThat(get("/api/v1/restaurants?q=x").statusCode()).isEqualTo(200);
    }
}
