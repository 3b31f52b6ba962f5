package io.tabelogo.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tabelogo.platform.PlatformIntegrationTest;
import io.tabelogo.platform.redis.RedisGuard;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RedisRateLimiterIntegrationTest extends PlatformIntegrationTest {

    @Autowired
    RedisGuard guard;

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
        } finally {
            redis.startAgain();
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var response = get("/probe/limited", "X-Forwarded-For", "198.51.100.5");
            assertThat(guard.state()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(response.headers().firstValue("RateLimit-Limit")).hasValue("3");
        });
    }
}
