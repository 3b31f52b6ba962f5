package io.tabelogo.map.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.map.MapServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** 60 quick searches and 30 advance searches a minute per client, in separate buckets. */
class RateLimitIntegrationTest extends MapServiceIntegrationTest {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    @Test
    void the31stAdvanceSearchOfAMinuteIs429WithRetryAfterAndRateLimitHeaders() {
        String body = advanceSearchBody("gyoza", 1);
        for (int i = 1; i <= 30; i++) {
            HttpResponse<String> allowed = advanceSearch(body);
            assertThat(allowed.statusCode()).as("request %d", i).isEqualTo(200);
            assertThat(allowed.headers().firstValue("RateLimit-Limit")).hasValue("30");
            assertThat(allowed.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(30 - i));
        }

        HttpResponse<String> refused = advanceSearch(body);

        assertProblem(refused, 429, "RATE_LIMITED");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 2L);
        assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(metricSum("map_rate_limit_rejections_total")).isPositive();
    }

    @Test
    void eachEndpointHasItsOwnBucketAndEachClientItsOwn() {
        exhaustAdvanceSearch(this.clientIp);

        assertThat(quickSearch(quickSearchBody("ChIJunknownButWellFormed")).statusCode())
                .as("quick_search keeps its own bucket")
                .isEqualTo(404);
        assertThat(post(
                                "/api/v1/map/advance_search",
                                "application/json",
                                advanceSearchBody("gyoza", 1),
                                FORWARDED_FOR,
                                "10.255.0." + (1 + (int) (Math.random() * 250)))
                        .statusCode())
                .as("another client keeps its own bucket")
                .isEqualTo(200);
    }

    @Test
    void aSignedInUserIsLimitedAsOneClientWhereverTheyComeFrom() {
        String token = TOKENS.accessToken(UUID.randomUUID().toString());
        String body = advanceSearchBody("curry", 1);
        for (int i = 0; i < 30; i++) {
            assertThat(post(
                                    "/api/v1/map/advance_search",
                                    "application/json",
                                    body,
                                    FORWARDED_FOR,
                                    "10.254.1." + (i + 1),
                                    "Authorization",
                                    "Bearer " + token)
                            .statusCode())
                    .isEqualTo(200);
        }

        assertProblem(
                post(
                        "/api/v1/map/advance_search",
                        "application/json",
                        body,
                        FORWARDED_FOR,
                        "10.254.2.1",
                        "Authorization",
                        "Bearer " + token),
                429,
                "RATE_LIMITED");
        assertThat(advanceSearch(body).statusCode())
                .as("the same address without the token")
                .isEqualTo(200);
    }

    @Test
    void aTokenThatIsPresentMustBeValid() {
        String expired = TOKENS.expiredAccessToken(UUID.randomUUID().toString());

        assertProblem(
                quickSearch(quickSearchBody("ChIJabc"), "Authorization", "Bearer " + expired),
                401,
                "AUTH_TOKEN_EXPIRED");
        assertProblem(
                quickSearch(quickSearchBody("ChIJabc"), "Authorization", "Bearer not-a-jwt"),
                401,
                "AUTH_TOKEN_INVALID");
    }

    private void exhaustAdvanceSearch(String client) {
        String body = advanceSearchBody("gyoza", 1);
        HttpResponse<String> last;
        do {
            last = post("/api/v1/map/advance_search", "application/json", body, FORWARDED_FOR, client);
        } while (last.statusCode() == 200);
        assertThat(last.statusCode()).isEqualTo(429);
    }
}
