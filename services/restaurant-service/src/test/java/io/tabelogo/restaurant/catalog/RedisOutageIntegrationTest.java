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

    @Autowired
    org.springframework.core.env.Environment environment;

    @Autowired
    RestaurantIdFilter filter;

    @Autowired
    io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry breakers;

    /**
     * This replica cannot reach Redis while another can: the id it creates is missing from the shared filter, and
     * the other replica must still find the restaurant (a row created on one instance never 404s on another).
     */
    @Test
    void aRestaurantCreatedByAReplicaCutOffFromRedisIsFoundByTheOthers() throws Exception {
        CacheExperiments.awaitFilter(redis, filter);
        var other = io.tabelogo.platformtest.SecondInstance.start(
                io.tabelogo.restaurant.RestaurantServiceApplication.class,
                environment,
                List.of(
                        "spring.datasource.url",
                        "spring.datasource.username",
                        "spring.datasource.password",
                        "tabelogo.redis.shared-url",
                        "tabelogo.security.jwt.jwks-uri",
                        "tabelogo.security.service-token.uri",
                        "tabelogo.security.service-token.secret",
                        "spring.grpc.client.channels.map.address"),
                java.util.Map.of("spring.data.redis.url", privateRedisServer.url(1))); // not through the proxy
        try {
            int otherPort = ((org.springframework.boot.web.server.context.WebServerApplicationContext) other)
                    .getWebServer()
                    .getPort();
            redisProxy.setRefusing(true);
            redisProxy.cutConnections();

            String id = createManual(unique("Partitioned")).get("id").asString(); // here, without Redis

            HttpResponse<String> there = send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + otherPort + "/api/v1/restaurants/" + id))
                    .build());
            assertThat(there.statusCode()).as(there.body()).isEqualTo(200);
            assertThat(jdbc.sql("SELECT count(*) FROM restaurant_id_filter_misses WHERE id = ?::uuid")
                            .param(id)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);

            redisProxy.heal();
            breakers.circuitBreaker("redis").reset();
            // What the repair does once Redis answers: the id is in the rebuilt filter, the note gone.
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(
                            () -> {
                                filter.rebuild();
                                return jdbc.sql("SELECT count(*) FROM restaurant_id_filter_misses WHERE id = ?::uuid")
                                        .param(id)
                                        .query(Long.class)
                                        .single();
                            },
                            notes -> notes == 0);
        } finally {
            redisProxy.heal();
            breakers.circuitBreaker("redis").reset(); // the next test starts with Redis in use
            other.close();
        }
    }

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
