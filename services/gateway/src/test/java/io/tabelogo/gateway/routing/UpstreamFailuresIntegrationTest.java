package io.tabelogo.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.gateway.GatewayIntegrationTest;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A service that fails: one retry for GETs, 503 UPSTREAM_UNAVAILABLE, per-route timeouts, the breaker. */
class UpstreamFailuresIntegrationTest extends GatewayIntegrationTest {

    @Test
    void aGetThatLostItsConnectionIsTriedOnceMore() {
        int before = RESTAURANT.received().size();
        RESTAURANT.dropNext(1);

        HttpResponse<String> answer = get("/api/v1/restaurants/" + UUID.randomUUID());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(RESTAURANT.received().size() - before).isEqualTo(2);
    }

    @Test
    void aPostIsNotRepeatedAndAnUnreachableServiceIs503() {
        int before = MAP.received().size();
        MAP.dropNext(1);

        HttpResponse<String> answer = post("/api/v1/map/quick_search", "application/json", "{}");

        assertProblem(answer, 503, "UPSTREAM_UNAVAILABLE");
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(MAP.received().size() - before).isEqualTo(1);
    }

    @Test
    void aServiceSlowerThanItsRouteTimeoutIsCutOff() {
        RESTAURANT.delay(Duration.ofMillis(2500)); // restaurant's route timeout is 1 s in these tests
        long started = System.nanoTime();

        HttpResponse<String> answer = get("/api/v1/restaurants/" + UUID.randomUUID());

        assertProblem(answer, 503, "UPSTREAM_UNAVAILABLE");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(Duration.ofMillis(2400)); // 1 s, retried once
    }

    @Test
    void aStreamQuieterThanItsRouteTimeoutIsPassedOnWhole() {
        RESTAURANT.streamNext(3, Duration.ofMillis(1500)); // the route's timeout is 1 s: only the head is bounded

        HttpResponse<String> answer = get("/api/v1/restaurants/" + UUID.randomUUID());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(answer.body()).contains("data: 00001", "data: 00002", "data: 00003");
    }

    @Test
    void aStreamWhoseClientLeftIsClosedNotReadToItsEnd() throws Exception {
        RESTAURANT.streamNext(100, Duration.ofMillis(100)); // 10 s of events if someone reads them all
        String route = "uri=\"/api/v1/restaurants/**\"";
        double handledBefore = handled(route);

        HttpResponse<InputStream> stream = HttpClient.newHttpClient()
                .send(request("/api/v1/restaurants/" + UUID.randomUUID()).build(), BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        try (InputStream body = stream.body()) {
            assertThat(body.readNBytes(24)).asString().contains("data: 00001");
        } // the client leaves after the first event

        // The gateway is done with the request long before the service would have ended the stream.
        long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (handled(route) == handledBefore && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(handled(route)).isEqualTo(handledBefore + 1);
    }

    private double handled(String route) {
        return managementMetrics()
                .lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{") && line.contains(route))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void aFailingServiceOpensItsBreakerAndIsLeftAloneWhileTheOthersWork() {
        MAP.answerWith(500);
        for (int i = 0; i < 4; i++) { // the tests' window for map: 4 calls
            assertThat(post("/api/v1/map/quick_search", "application/json", "{}")
                            .statusCode())
                    .isEqualTo(500);
        }
        int before = MAP.received().size();

        HttpResponse<String> refused = post("/api/v1/map/quick_search", "application/json", "{}");

        assertProblem(refused, 503, "UPSTREAM_UNAVAILABLE");
        assertThat(refused.body()).contains("circuit breaker is open");
        assertThat(MAP.received()).hasSize(before);
        assertThat(breakers.circuitBreaker("upstream-map").getState().name()).isEqualTo("OPEN");
        assertThat(get("/api/v1/restaurants?q=x").statusCode()).isEqualTo(200);
    }
}
