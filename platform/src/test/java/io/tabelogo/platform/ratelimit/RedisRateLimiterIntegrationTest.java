package io.tabelogo.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.tabelogo.platform.PlatformIntegrationTest;
import io.tabelogo.platform.redis.RedisGuard;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

class RedisRateLimiterIntegrationTest extends PlatformIntegrationTest {

    @Autowired
    RedisGuard guard;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    LettuceConnectionFactory connections;

    private static final AtomicInteger NEVER_SEEN = new AtomicInteger();

    @Test
    void fourthRequestInAMinuteIs429WithRetryAfterAndRateLimitHeaders() {
        String client = "198.51.100.1";
        for (int i = 1; i <= 3; i++) {
            var allowed = get("/probe/limited", "X-Forwarded-For", client);
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("RateLimit-Limit")).hasValue("3");
            assertThat(allowed.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(3 - i));
        }

        var rejected = get("/probe/limited", "X-Forwarded-For", client);

        assertProblem(rejected, 429, "RATE_LIMITED");
        long retryAfter =
                Long.parseLong(rejected.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 20L); // one token refills every 20 s
        assertThat(rejected.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(get("/metrics").body())
                .containsPattern("tabelogo_rate_limit_rejections_total\\{[^}]*policy=\"probe\"[^}]*} [1-9]");
    }

    @Test
    void eachClientHasItsOwnBucket() {
        for (int i = 0; i < 3; i++) {
            get("/probe/limited", "X-Forwarded-For", "198.51.100.2");
        }
        assertThat(get("/probe/limited", "X-Forwarded-For", "198.51.100.2").statusCode())
                .isEqualTo(429);
        assertThat(get("/probe/limited", "X-Forwarded-For", "198.51.100.3").statusCode())
                .isEqualTo(200);
    }

    /** Spring's test framework pauses (stops) a context's connection factory while another context runs. */
    @Test
    void keepsLimitingAfterTheConnectionFactoryIsStoppedAndStartedAgain() {
        for (int i = 0; i < 3; i++) {
            get("/probe/limited", "X-Forwarded-For", "198.51.100.4");
        }

        connections.stop();
        connections.start();

        assertThat(get("/probe/limited", "X-Forwarded-For", "198.51.100.4").statusCode())
                .as("still limited: the limiter reached Redis through the restarted client")
                .isEqualTo(429);
    }

    @Test
    void failsOpenWhileRedisIsDownAndLimitsAgainWhenItReturns() {
        try {
            redis.stop();
            double before = metricSum("tabelogo_rate_limit_failopen_total");

            for (int i = 0; i < 6; i++) {
                var response = get("/probe/limited", "X-Forwarded-For", "198.51.100.4");
                assertThat(response.statusCode()).isEqualTo(200);
            }
            assertThat(metricSum("tabelogo_rate_limit_failopen_total")).isEqualTo(before + 6);
            assertThat(guard.state())
                    .as("Redis failures count towards the breaker")
                    .isEqualTo(CircuitBreaker.State.OPEN);
        } finally {
            redis.startAgain();
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var response = get("/probe/limited", "X-Forwarded-For", "198.51.100.5");
            assertThat(guard.state()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(response.headers().firstValue("RateLimit-Limit")).hasValue("3");
        });
    }

    @Test
    void slowRedisFailsOpenWithinTheCommandTimeout() {
        get("/probe/limited", "X-Forwarded-For", "198.51.100.6"); // connection established, this client known
        redisProxy.setLatency(Duration.ofMillis(1500)); // far beyond the 200 ms command timeout

        long start = System.nanoTime();
        var newClient = get("/probe/limited", "X-Forwarded-For", "198.51.100.7");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        var knownClient = get("/probe/limited", "X-Forwarded-For", "198.51.100.6");

        assertThat(newClient.statusCode()).isEqualTo(200);
        assertThat(newClient.headers().firstValue("RateLimit-Limit")).isEmpty(); // failed open
        assertThat(took).isLessThan(Duration.ofMillis(1200)); // did not wait for Redis
        assertThat(knownClient.headers().firstValue("RateLimit-Remaining"))
                .as("answered from this replica's copy of the bucket, synchronised less than a second ago")
                .hasValue("1");
    }

    /**
     * Bytes already delayed stay delayed after heal(), as on a real network: wait until Redis answers again, asked
     * for a client never seen (a known one may be answered from this replica's copy of its bucket).
     */
    @AfterEach
    void redisHealthyAgain() {
        redisProxy.heal();
        breakers.circuitBreaker("redis").reset();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                get("/probe/limited", "X-Forwarded-For", "203.0.113." + NEVER_SEEN.incrementAndGet())
                                        .headers()
                                        .firstValue("RateLimit-Limit"))
                        .isPresent());
        breakers.circuitBreaker("redis").reset();
    }
}
