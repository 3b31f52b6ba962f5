package io.tabelogo.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.tabelogo.platform.PlatformIntegrationTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

class RedisOutageIntegrationTest extends PlatformIntegrationTest {

    @Autowired
    RedisGuard guard;

    @Autowired
    StringRedisTemplate ownRedis;

    @Autowired
    SharedRedis sharedRedis;

    @Autowired
    CircuitBreakerRegistry breakers;

    @AfterEach
    void redisBack() {
        redisProxy.heal();
        redis.startAgain();
        // Delayed bytes drain, the connection recovers; the breaker is shared: leave it closed for the next test.
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            breakers.circuitBreaker("redis").reset();
            assertThat(guard.call(() -> ownRedis.opsForValue().get("k"), () -> "down"))
                    .isNotEqualTo("down");
        });
        breakers.circuitBreaker("redis").reset();
    }

    @Test
    void slowRedisCostsAtMostTheCommandTimeout() {
        redisProxy.setLatency(Duration.ofMillis(1500));

        long start = System.nanoTime();
        String value = guard.call(() -> ownRedis.opsForValue().get("k"), () -> "fallback");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(value).isEqualTo("fallback");
        assertThat(took).isLessThan(Duration.ofMillis(1200)); // gave up after the 200 ms timeout, did not wait
    }

    @Test
    void ownAndSharedConnectionsUseTheirOwnDatabases() {
        ownRedis.opsForValue().set("which-db", "own");
        sharedRedis.template().opsForValue().set("which-db", "shared");

        assertThat(ownRedis.opsForValue().get("which-db")).isEqualTo("own");
        assertThat(sharedRedis.template().opsForValue().get("which-db")).isEqualTo("shared");
    }

    @Test
    void deadRedisCostsMillisecondsThenTheBreakerOpens() {
        redis.stop();

        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            String value = guard.call(() -> ownRedis.opsForValue().get("k"), () -> "fallback");
            assertThat(value).isEqualTo("fallback");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.OPEN);
        // 20 calls: at most a handful reach the dead server (each bounded by the 200 ms timeout), the rest
        // short-circuit.
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void redisDownLeavesTheServiceReady() {
        redis.stop();

        assertThat(get("/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get("/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void breakerClosesByItselfOnceRedisIsBack() {
        redis.stop();
        for (int i = 0; i < 10; i++) {
            guard.call(() -> ownRedis.opsForValue().get("k"), () -> null);
        }
        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.OPEN);

        redis.startAgain();

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    guard.call(() -> ownRedis.opsForValue().get("k"), () -> null);
                    assertThat(guard.state()).isEqualTo(CircuitBreaker.State.CLOSED);
                });
        assertThat(guard.call(
                        () -> {
                            ownRedis.opsForValue().set("k", "v");
                            return ownRedis.opsForValue().get("k");
                        },
                        () -> "fallback"))
                .isEqualTo("v");
    }
}
