package io.tabelogo.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.gateway.FakeService;
import io.tabelogo.gateway.GatewayIntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The gateway's routes, what crosses with a request, and what never does. */
class RoutingIntegrationTest extends GatewayIntegrationTest {

    @Test
    void eachPrefixReachesItsServiceWithPathAndQueryIntact() {
        assertRoutedTo(RESTAURANT, get("/api/v1/restaurants?q=ramen&size=5"), "/api/v1/restaurants", "q=ramen&size=5");
        assertRoutedTo(RESTAURANT, get("/api/v1/restaurants/" + UUID.randomUUID()), null, null);
        assertRoutedTo(
                MAP,
                post("/api/v1/map/quick_search", "application/json", "{\"place_id\":\"x\"}"),
                "/api/v1/map/quick_search",
                null);
        assertRoutedTo(AUTH, get("/.well-known/jwks.json"), "/.well-known/jwks.json", null);
        assertRoutedTo(AUTH, post("/api/v1/auth/refresh", "application/json", "{}"), "/api/v1/auth/refresh", null);
        String[] token = bearer(TOKENS.accessToken(UUID.randomUUID().toString()));
        assertRoutedTo(SPIDER, get("/api/v1/spider/jobs/" + UUID.randomUUID(), token), null, null);
        assertRoutedTo(RESTAURANT, get("/api/v1/me/favorites", token), "/api/v1/me/favorites", null);
        assertThat(MAP.last().getBody().utf8()).isEqualTo("{\"place_id\":\"x\"}");
    }

    @Test
    void theRequestIdClientAddressAndTraceCrossToTheServiceAndEdgeHeadersComeBackOnce() {
        HttpResponse<String> answer = get(
                "/api/v1/restaurants/" + UUID.randomUUID(),
                "X-Request-ID",
                "my-request-1234",
                "X-Forwarded-For",
                "203.0.113.9");

        assertThat(answer.statusCode()).isEqualTo(200);
        RecordedRequest arrived = RESTAURANT.last();
        assertThat(arrived.getHeaders().get("X-Request-ID")).isEqualTo("my-request-1234");
        // The test client is not a trusted proxy: its X-Forwarded-For is not believed, its own address is sent.
        assertThat(arrived.getHeaders().values("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(arrived.getHeaders().get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(answer.headers().allValues("X-Request-ID")).containsExactly("my-request-1234");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(answer.headers().firstValue("X-Cache-Status")).hasValue("HIT");
    }

    @Test
    void servicesActuatorsAreNeverReachable() {
        int before = RESTAURANT.received().size()
                + MAP.received().size()
                + AUTH.received().size()
                + SPIDER.received().size();

        for (String path : new String[] {
            "/metrics",
            "/health/readiness",
            "/actuator/health",
            "/api/v1/restaurants/../../metrics",
            "/api/v1/restaurants/%2e%2e/%2e%2e/metrics",
            "/api/v1/restaurants/..%2f..%2fmetrics",
            "/api/v1/map/;/../../metrics",
            "/api/v1/restaurants/%2fmetrics",
        }) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                    .timeout(Duration.ofSeconds(5))
                    .build());
            assertThat(answer.statusCode()).as(path).isIn(400, 404);
            assertThat(answer.body()).as(path).doesNotContain("jvm_", "\"UP\"");
        }

        int after = RESTAURANT.received().size()
                + MAP.received().size()
                + AUTH.received().size()
                + SPIDER.received().size();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void theGatewaysOwnHealthAndMetricsAreOnTheManagementPortOnly() {
        HttpResponse<String> health =
                send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/readiness"))
                        .build());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(managementMetrics())
                .contains("gateway_rate_limit_rejections_total{")
                .contains("gateway_rate_limit_failopen_total")
                .contains("gateway_auth_degraded_total")
                .contains("resilience4j_circuitbreaker_state{")
                .contains("upstream-restaurant");
        assertThat(get("/health/readiness").statusCode()).isEqualTo(404);
        assertThat(get("/metrics").statusCode()).isEqualTo(404);
    }

    @Test
    void theLandingPageIsServedUnderTheContentSecurityPolicy() {
        HttpResponse<String> landing = get("/");

        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(landing.body()).contains("Tabelogo", "/api/v1");
        assertThat(landing.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
    }

    @Test
    void swaggerUiShowsEveryServicesApiDescriptionRoutedFromItsService() {
        HttpResponse<String> ui = send(request("/swagger-ui/index.html").GET().build());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger");
        HttpResponse<String> config = get("/v3/api-docs/swagger-config");
        assertThat(config.body())
                .contains("/api-docs/auth", "/api-docs/map", "/api-docs/restaurant", "/api-docs/spider");

        HttpResponse<String> docs = get("/api-docs/restaurant");

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(RESTAURANT.last().getUrl().encodedPath()).isEqualTo("/v3/api-docs");
    }

    private static void assertRoutedTo(FakeService service, HttpResponse<String> answer, String path, String query) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var echo = JSON.readTree(answer.body());
        assertThat(echo.get("path").asString())
                .isEqualTo(service.last().getUrl().encodedPath());
        if (path != null) {
            assertThat(echo.get("path").asString()).isEqualTo(path);
        }
        if (query != null) { // the parameters, in whatever order the proxy writes them
            assertThat(echo.get("query").asString().split("&")).containsExactlyInAnyOrder(query.split("&"));
        }
    }

    @Test
    void internalEndpointsOfTheServicesAreNeverRouted() {
        int before = AUTH.received().size();

        assertProblem(
                post("/internal/v1/service-tokens", "application/json", "{\"client_id\": \"restaurant-service\"}"),
                404,
                "NOT_FOUND");
        assertThat(AUTH.received()).hasSize(before);
    }
}
