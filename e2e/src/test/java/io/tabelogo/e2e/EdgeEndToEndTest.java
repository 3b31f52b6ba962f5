package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The edge as a client meets it: login limits, CORS, security headers, and no way to the services' actuators. */
class EdgeEndToEndTest extends ThroughTheGateway {

    @Test
    void theEleventhLoginOfAMinuteFromOneAddressIsRefused() {
        // The first ten at once: one after the other they take long enough (a password hash each) for the bucket to
        // refill a token before the eleventh.
        List<Integer> statuses = new ArrayList<>(java.util.stream.IntStream.range(0, 10)
                .parallel()
                .mapToObj(i -> post(
                                "/api/v1/auth/login",
                                "application/json",
                                """
                    {"email": "nobody-%s@example.com", "password": "Wrong-pass-1"}""".formatted(UUID.randomUUID()),
                                "X-Forwarded-For",
                                "203.0.113." + i) // spoofed: the gateway trusts no client's
                        .statusCode())
                .toList());
        for (int i = 10; i < 11; i++) {
            statuses.add(post(
                            "/api/v1/auth/login",
                            "application/json",
                            """
                    {"email": "nobody-%s@example.com", "password": "Wrong-pass-1"}""".formatted(UUID.randomUUID()),
                            "X-Forwarded-For",
                            "203.0.113." + i) // spoofed: the gateway trusts no client's
                    .statusCode());
        }

        assertThat(statuses.subList(0, 10)).containsOnly(401); // unknown accounts, refused by auth-service
        assertThat(statuses.get(10)).isEqualTo(429);
        HttpResponse<String> stillRefused = post("/api/v1/auth/login", "application/json", "{}");
        assertProblem(stillRefused, 429, "RATE_LIMITED");
        assertThat(stillRefused.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void corsPreflightsAreAnsweredForTheConfiguredOriginOnly() {
        HttpResponse<String> allowed = preflight("https://app.tabelogo.example");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("https://app.tabelogo.example");

        HttpResponse<String> refused = preflight("https://elsewhere.example");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersOnce() {
        for (HttpResponse<String> answer : List.of(
                get("/api/v1/restaurants?q=ramen"),
                get("/api/v1/restaurants/" + UUID.randomUUID()),
                get("/api/v1/me/favorites"),
                get("/.well-known/jwks.json"),
                get("/"),
                get("/no/such/page"))) {
            for (String header : List.of(
                    "X-Content-Type-Options",
                    "X-Frame-Options",
                    "Referrer-Policy",
                    "Cross-Origin-Opener-Policy",
                    "Permissions-Policy",
                    "Content-Security-Policy",
                    "X-Request-ID")) {
                assertThat(answer.headers().allValues(header))
                        .as(header + " on " + answer.uri())
                        .hasSize(1);
            }
        }
    }

    @Test
    void pathTricksNeverReachAServicesActuator() {
        for (String path : List.of(
                "/metrics",
                "/health/readiness",
                "/actuator/prometheus",
                "/api/v1/restaurants/../../metrics",
                "/api/v1/restaurants/%2e%2e/%2e%2e/metrics",
                "/api/v1/map/..%2f..%2fmetrics",
                "/api/v1/auth/;/../../health",
                "/api/v1/restaurants/%2fmetrics",
                "/api/v1/restaurants/..;/..;/metrics")) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                    .timeout(Duration.ofSeconds(10))
                    .build());
            assertThat(answer.statusCode()).as(path).isIn(400, 401, 404);
            assertThat(answer.body()).as(path).doesNotContain("jvm_", "process_cpu", "\"UP\"");
        }
        // The gateway's own actuator is on its management port only.
        assertThat(send(management("/health/readiness").build()).statusCode()).isEqualTo(200);
    }

    @Test
    void everyServicesApiDescriptionIsBrowsableThroughTheGateway() {
        for (String[] service : new String[][] {
            {"auth", "/api/v1/auth/login"},
            {"map", "/api/v1/map/quick_search"},
            {"restaurant", "/api/v1/restaurants/{id}"},
            {"spider", "/api/v1/spider/scrape"},
        }) {
            HttpResponse<String> docs = get("/api-docs/" + service[0]);
            assertThat(docs.statusCode()).as(service[0]).isEqualTo(200);
            assertThat(json(docs).get("paths").has(service[1]))
                    .as(service[0] + " describes " + service[1])
                    .isTrue();
        }
        assertThat(send(request("/swagger-ui/index.html").GET().build()).statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> preflight(String origin) {
        return send(request("/api/v1/me/favorites")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "Authorization, Content-Type")
                .build());
    }
}
