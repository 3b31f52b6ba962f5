package io.tabelogo.map.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tabelogo.map.MapServiceIntegrationTest;
import io.tabelogo.platform.redis.RedisGuard;
import io.tabelogo.platformtest.FaultProxy;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/** Redis slow or gone: searches keep answering from the provider, and stop waiting on Redis once its breaker opens. */
class RedisOutageIntegrationTest extends MapServiceIntegrationTest {

    @Autowired
    @Qualifier("redisFaultProxy")
    FaultProxy redisProxy;

    @Autowired
    RedisGuard redisGuard;

    @AfterEach
    void redisBack() throws InterruptedException {
        redisProxy.heal();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (redisGuard.state() != CircuitBreaker.State.CLOSED && System.nanoTime() < deadline) {
            quickSearch(quickSearchBody("ChIJwarmUpAfterTheOutage")); // half-open trial calls close the breaker
            Thread.sleep(200);
        }
        assertThat(redisGuard.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void withRedisTooSlowSearchesAreServedByTheProviderAndStopPayingTheTimeoutOnceTheBreakerOpens() {
        String id = someOfflinePlaceId("yakitori");
        redisProxy.setLatency(Duration.ofSeconds(1)); // every Redis command now times out (200 ms)
        redisProxy.cutConnections();

        for (int i = 0; i < 10 && redisGuard.state() != CircuitBreaker.State.OPEN; i++) {
            assertThat(quickSearch(quickSearchBody(id)).statusCode()).isEqualTo(200);
        }
        assertThat(redisGuard.state()).isEqualTo(CircuitBreaker.State.OPEN);

        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = quickSearch(quickSearchBody(id));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).path("source").asString()).isEqualTo("offline");
            assertThat(took).as("request %d with the breaker open", i).isLessThan(Duration.ofMillis(150));
        }
    }

    @Test
    void withRedisGoneSearchesStillAnswerAndRateLimitsFailOpen() {
        redisProxy.setRefusing(true);
        redisProxy.cutConnections();
        double failOpenBefore = metricSum("map_rate_limit_failopen_total");

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = advanceSearch(advanceSearchBody("bistro", 3));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("RateLimit-Limit")).isEmpty(); // nothing true to say
        }
        assertThat(metricSum("map_rate_limit_failopen_total") - failOpenBefore).isEqualTo(3);
    }
}
