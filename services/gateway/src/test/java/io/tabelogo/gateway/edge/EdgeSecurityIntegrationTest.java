package io.tabelogo.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.gateway.GatewayIntegrationTest;
import io.tabelogo.platform.security.RevokedSessions;
import io.tabelogo.platformtest.PrivateRedisServer;
import io.tabelogo.platformtest.TestRedis;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Edge authentication, CORS, the security headers and the body limit. */
class EdgeSecurityIntegrationTest extends GatewayIntegrationTest {

    @Autowired
    TestRedis testRedis;

    @Autowired
    PrivateRedisServer redisServer;

    private final String token = TOKENS.accessToken(UUID.randomUUID().toString());

    @Test
    void protectedRoutesNeedATokenAndPublicReadsDoNot() {
        for (String[] call : new String[][] {
            {"GET", "/api/v1/me/favorites"},
            {"GET", "/api/v1/users/" + UUID.randomUUID() + "/favorites"},
            {"POST", "/api/v1/spider/scrape"},
            {"GET", "/api/v1/spider/jobs/" + UUID.randomUUID()},
            {"POST", "/api/v1/auth/logout"},
            {"POST", "/api/v1/auth/logout-all"},
            {"GET", "/api/v1/auth/me"},
            {"GET", "/api/v1/auth/sessions"},
            {"DELETE", "/api/v1/auth/sessions/" + UUID.randomUUID()},
            {"POST", "/api/v1/restaurants"},
            {"PATCH", "/api/v1/restaurants/" + UUID.randomUUID()},
            {"DELETE", "/api/v1/restaurants/" + UUID.randomUUID()},
            {"PUT", "/api/v1/me/favorites/" + UUID.randomUUID()},
        }) {
            assertProblem(call(call[0], call[1]), 401, "AUTH_TOKEN_MISSING");
            assertThat(call(call[0], call[1], bearer(token)).statusCode())
                    .as(call[1])
                    .isEqualTo(200);
        }
        for (String[] call : new String[][] {
            {"GET", "/api/v1/restaurants?q=ramen"},
            {"GET", "/api/v1/restaurants/" + UUID.randomUUID()},
            {"POST", "/api/v1/map/quick_search"},
            {"POST", "/api/v1/map/advance_search"},
            {"POST", "/api/v1/auth/register"},
            {"POST", "/api/v1/auth/refresh"},
            {"GET", "/.well-known/jwks.json"},
        }) {
            assertThat(call(call[0], call[1]).statusCode()).as(call[1]).isEqualTo(200);
        }
    }

    @Test
    void aBadTokenIsRefusedEvenWhereNoneIsNeeded() {
        assertProblem(get("/api/v1/restaurants?q=ramen", bearer("not.a.token")), 401, "AUTH_TOKEN_INVALID");
        assertProblem(
                get(
                        "/api/v1/restaurants?q=ramen",
                        bearer(TOKENS.expiredAccessToken(UUID.randomUUID().toString()))),
                401,
                "AUTH_TOKEN_EXPIRED");
    }

    @Test
    void theTokenOfARevokedSessionIsRefusedAndTheCheckDegradesWhenRedisIsDown() {
        String revoked = TOKENS.accessToken(UUID.randomUUID().toString());
        testRedis
                .database(5)
                .opsForValue()
                .set(RevokedSessions.PREFIX + sessionOf(revoked), "1", Duration.ofMinutes(15));

        assertProblem(get("/api/v1/me/favorites", bearer(revoked)), 401, "AUTH_SESSION_REVOKED");
        assertThat(get("/api/v1/me/favorites", bearer(token)).statusCode()).isEqualTo(200);

        double degradedBefore = managementMetricSum("gateway_auth_degraded_total");
        redisServer.stop();
        try {
            assertThat(get("/api/v1/me/favorites", bearer(token)).statusCode()).isEqualTo(200);
            assertThat(managementMetricSum("gateway_auth_degraded_total") - degradedBefore)
                    .isGreaterThanOrEqualTo(1);
        } finally {
            redisServer.startAgain();
        }
    }

    @Test
    void corsPreflightsAreAnsweredForListedOriginsOnly() {
        HttpResponse<String> allowed = preflight("https://app.tabelogo.example");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("https://app.tabelogo.example");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials"))
                .hasValue("true");

        HttpResponse<String> refused = preflight("https://evil.example");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> proxied = get("/api/v1/restaurants?q=x", "Origin", "https://app.tabelogo.example");
        assertThat(proxied.headers().allValues("Access-Control-Allow-Origin"))
                .containsExactly("https://app.tabelogo.example");
        assertThat(proxied.headers().firstValue("Access-Control-Expose-Headers"))
                .hasValueSatisfying(exposed ->
                        assertThat(exposed).contains("X-Request-ID", "X-Cache-Status", "RateLimit-Remaining"));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (HttpResponse<String> answer : new HttpResponse[] {
            get("/api/v1/restaurants?q=ramen"), // proxied
            get("/api/v1/me/favorites"), // refused at the edge
            get("/no/such/route"), // not found
            get("/"), // the landing page
        }) {
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(answer.headers().allValues("X-Frame-Options")).containsExactly("DENY");
            assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
            assertThat(answer.headers().firstValue("Cross-Origin-Opener-Policy"))
                    .hasValue("same-origin");
            assertThat(answer.headers().firstValue("Permissions-Policy")).isPresent();
            assertThat(answer.headers().allValues("Content-Security-Policy")).hasSize(1);
        }
        assertThat(get("/api/v1/restaurants", "X-Forwarded-Proto", "https")
                        .headers()
                        .firstValue("Strict-Transport-Security"))
                .as("not from an untrusted client's header")
                .isEmpty();
    }

    @Test
    void bodiesOverOneMebibyteAreRefusedBeforeReachingAService() {
        int before = MAP.received().size();

        HttpResponse<String> refused =
                post("/api/v1/map/quick_search", "application/json", "{\"x\":\"" + "a".repeat(1024 * 1024) + "\"}");

        assertProblem(refused, 413, "PAYLOAD_TOO_LARGE");
        assertThat(MAP.received()).hasSize(before);
    }

    /** A browser asks before sending its token: the preflight itself carries none and must not be refused for it. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "/api/v1/me/favorites, GET",
        "/api/v1/me/favorites/" + "00000000-0000-0000-0000-000000000001, PUT",
        "/api/v1/spider/scrape, POST",
        "/api/v1/spider/jobs/x/stream, GET",
        "/api/v1/auth/me, GET",
        "/api/v1/auth/sessions/x, DELETE",
        "/api/v1/users/u1/favorites, GET",
        "/api/v1/restaurants/x, PATCH"
    })
    void aPreflightOfAProtectedRouteIsAnsweredAsCorsNotWith401(String path, String method) {
        int before = RESTAURANT.received().size()
                + SPIDER.received().size()
                + AUTH.received().size();
        HttpResponse<String> answer = send(request(path)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.tabelogo.example")
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .build());

        assertThat(answer.statusCode()).as(path + " " + method).isEqualTo(200);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.tabelogo.example");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Methods"))
                .hasValueSatisfying(methods -> assertThat(methods).contains(method));
        assertThat(RESTAURANT.received().size()
                        + SPIDER.received().size()
                        + AUTH.received().size())
                .as("answered at the edge")
                .isEqualTo(before);
    }

    private HttpResponse<String> preflight(String origin) {
        return send(request("/api/v1/restaurants")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization, Content-Type")
                .build());
    }

    private HttpResponse<String> call(String method, String path, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        method.equals("GET") || method.equals("DELETE")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    }
}
