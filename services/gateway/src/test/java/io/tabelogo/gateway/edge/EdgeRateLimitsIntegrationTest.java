package io.tabelogo.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tabelogo.gateway.GatewayIntegrationTest;
import io.tabelogo.platformtest.PrivateRedisServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The edge's rate limits: per address for logins, a spoofed X-Forwarded-For changes nothing, Redis down fails open. */
class EdgeRateLimitsIntegrationTest extends GatewayIntegrationTest {

    @Autowired
    PrivateRedisServer redisServer;

    @Test
    void theEleventhLoginInAMinuteIsRefusedWhateverForwardedForTheClientClaims() {
        // After another test's Redis outage the limiter takes a few seconds to trust Redis again.
        await().atMost(Duration.ofSeconds(15))
                .until(() -> get("/api/v1/restaurants?q=x")
                        .headers()
                        .firstValue("RateLimit-Limit")
                        .isPresent());
        double rejectedBefore = managementMetricSum("gateway_rate_limit_rejections_total");
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> login =
                    post("/api/v1/auth/login", "application/json", "{}", "X-Forwarded-For", "198.51.100." + i);
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().firstValue("RateLimit-Limit")).hasValue("10");
            assertThat(login.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(9 - i));
        }

        HttpResponse<String> refused =
                post("/api/v1/auth/login", "application/json", "{}", "X-Forwarded-For", "198.51.100.99");

        assertProblem(refused, 429, "RATE_LIMITED");
        assertThat(refused.headers().firstValue("Retry-After"))
                .hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isPositive());
        assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(managementMetrics()).contains("gateway_rate_limit_rejections_total{policy=\"login\"");
        assertThat(managementMetricSum("gateway_rate_limit_rejections_total") - rejectedBefore)
                .isEqualTo(1);
        // Other routes have their own bucket.
        assertThat(get("/api/v1/restaurants?q=x").statusCode()).isEqualTo(200);
    }

    /** Every spelling auth-service reads as a login or registration gets their limit, with or without a token. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/auth/logi%6E",
                "/api/v1/auth/%6c%6f%67%69%6e",
                "/api/v1/%61uth/login",
                "/api/v1/auth/login/",
                "/api/v1/auth/regist%65r",
                "/api/v1/auth/login;jsessionid=1",
                "/api/v1/auth//login",
                "/api/v1/auth/./login",
                "/api/v1/auth/x/../login",
                "/api/v1/auth/%2e/login",
                "/api/v1/auth%2flogin",
            })
    void everySpellingOfLoginGetsTheLoginLimit(String path) {
        String token = TOKENS.accessToken("spelling-user");
        for (String[] headers : List.of(new String[0], bearer(token))) {
            int before = AUTH.received().size();
            HttpResponse<String> answer = post(path, "application/json", "{}", headers);

            boolean reachedAuth = AUTH.received().size() > before;
            if (reachedAuth || answer.statusCode() == 429) {
                assertThat(answer.headers().firstValue("RateLimit-Limit"))
                        .as(path + " must count as a login")
                        .hasValue("10");
            } else { // refused before routing (the firewall): no handler saw it
                assertThat(answer.statusCode()).as(path).isIn(400, 404);
                assertThat(answer.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            }
        }
    }

    @Test
    void withRedisDownRequestsPassAndAreCounted() {
        double failOpenBefore = managementMetricSum("gateway_rate_limit_failopen_total");
        redisServer.stop();
        try {
            // Each replica answers from its copy of a bucket for up to a second before asking Redis again.
            HttpResponse<String> passed = await().atMost(Duration.ofSeconds(5))
                    .until(
                            () -> get("/api/v1/restaurants?q=x"),
                            answer -> answer.headers()
                                    .firstValue("RateLimit-Limit")
                                    .isEmpty());
            assertThat(passed.statusCode()).isEqualTo(200);
            assertThat(managementMetricSum("gateway_rate_limit_failopen_total") - failOpenBefore)
                    .isGreaterThanOrEqualTo(1);
        } finally {
            redisServer.startAgain();
        }
    }
}
