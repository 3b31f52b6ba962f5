package io.tabelogo.restaurant.catalog;

import static io.tabelogo.restaurant.catalog.CacheExperiments.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.redis.RedisGuard;
import io.tabelogo.platformtest.FaultProxy;
import io.tabelogo.platformtest.PrivateRedisServer;
import io.tabelogo.restaurant.RestaurantServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/** Cache avalanche's worst case, Redis gone: reads go to PostgreSQL, fast once the breaker is open, and recover. */
class RedisOutageIntegrationTest extends RestaurantServiceIntegrationTest {

    @Autowired
    PrivateRedisServer privateRedisServer;

    @Autowired
    @Qualifier("redisFaultProxy")
    FaultProxy redisProxy;

    @Autowired
    RedisGuard redisGuard;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void redisBack() {
        if (!privateRedisServer.isRunning()) {
            privateRedisServer.startAgain();
        }
    }

    @Test
    void withRedisStoppedReadsAnswerFromPostgresqlQuicklyAndUseTheCacheAgainWhenItReturns() throws Exception {
        String path = "/api/v1/restaurants/"
                + createManual(unique("Outage")).get("id").asString();
        get(path);
        assertThat(get(path).headers().firstValue("X-Cache-Status")).hasValue("L2");
        double failuresBefore = count(meters, "restaurant.cache.failures");

        privateRedisServer.stop();
        redisProxy.cutConnections();
        for (int i = 0; i < 20 && redisGuard.state() != CircuitBreaker.State.OPEN; i++) {
            assertThat(get(path).statusCode()).isEqualTo(200);
        }
        assertThat(redisGuard.state()).isEqualTo(CircuitBreaker.State.OPEN);

        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = get(path);
            micros.add((System.nanoTime() - started) / 1000);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Cache-Status")).hasValue("MISS");
        }
        Collections.sort(micros);
        assertThat(micros.get(94)).as("p95 with the breaker open, µs").isLessThan(50_000);
        assertThat(count(meters, "restaurant.cache.failures") - failuresBefore).isGreaterThanOrEqualTo(100);

        privateRedisServer.startAgain();
        long back = System.nanoTime();
        String level = "";
        while (!level.equals("L2")
                && System.nanoTime() - back < Duration.ofSeconds(30).toNanos()) {
            Thread.sleep(250);
            level = get(path).headers().firstValue("X-Cache-Status").orElse("");
        }
        assertThat(level).as("served from Redis again within 30 s").isEqualTo("L2");
    }
}
