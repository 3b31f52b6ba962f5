package io.tabelogo.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.gateway.GatewayIntegrationTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A service whose connections are all busy, and clients that send their bodies slowly: neither may queue callers
 * or hold a service's connections (spider has 2 connections in these tests, request bodies 1 s).
 */
class UpstreamSaturationIntegrationTest extends GatewayIntegrationTest {

    @Test
    void aServiceWhoseConnectionsAreAllBusyIsRefusedAtOnceWithoutCountingAgainstIt() throws Exception {
        String token = TOKENS.accessToken("saturating-user");
        SPIDER.delay(Duration.ofMillis(1500));
        var busy1 = CompletableFuture.supplyAsync(() -> get("/api/v1/spider/jobs/" + UUID.randomUUID(), bearer(token)));
        var busy2 = CompletableFuture.supplyAsync(() -> get("/api/v1/spider/jobs/" + UUID.randomUUID(), bearer(token)));
        Thread.sleep(400); // both connections are taken
        long failedBefore =
                breakers.circuitBreaker("upstream-spider").getMetrics().getNumberOfFailedCalls();
        double saturatedBefore = managementMetricSum("gateway_upstream_saturated_total");
        long started = System.nanoTime();

        HttpResponse<String> refused = get("/api/v1/spider/jobs/" + UUID.randomUUID(), bearer(token));

        assertProblem(refused, 503, "UPSTREAM_UNAVAILABLE");
        assertThat(refused.body()).contains("too many requests in flight");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(900));
        assertThat(breakers.circuitBreaker("upstream-spider").getMetrics().getNumberOfFailedCalls())
                .isEqualTo(failedBefore);
        assertThat(managementMetricSum("gateway_upstream_saturated_total") - saturatedBefore)
                .isEqualTo(1);
        assertThat(managementMetrics())
                .contains("gateway_upstream_connections{service=\"spider\",state=\"leased\"} 2.0");
        assertThat(busy1.get().statusCode()).isEqualTo(200);
        assertThat(busy2.get().statusCode()).isEqualTo(200);
    }

    @Test
    void aClientThatSendsItsBodySlowlyGets408AndNeverReachesTheService() throws Exception {
        int before = MAP.received().size();
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port())) {
            client.setSoTimeout(5_000);
            OutputStream out = client.getOutputStream();
            out.write("""
                    POST /api/v1/map/quick_search HTTP/1.1\r
                    Host: 127.0.0.1\r
                    Content-Type: application/json\r
                    Content-Length: 40\r
                    \r
                    {"place_id": """.getBytes(StandardCharsets.UTF_8));
            out.flush();
            long started = System.nanoTime();
            // ...and the rest never comes.
            InputStream in = client.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 408");
            assertThat(answer).contains("application/problem+json", "\"code\":\"REQUEST_TIMEOUT\"");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
        assertThat(MAP.received()).hasSize(before);
    }

    @Test
    void aClientThatTricklesItsBodyIsCutAtTheDeadlineToo() throws Exception {
        int before = MAP.received().size();
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port())) {
            client.setSoTimeout(5_000);
            OutputStream out = client.getOutputStream();
            out.write(("POST /api/v1/map/quick_search HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/json\r\nContent-Length: 40\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                for (int i = 0; i < 20; i++) { // a byte every 300 ms: each read is quick, the whole is too slow
                    out.write(' ');
                    out.flush();
                    Thread.sleep(300);
                }
            } catch (java.io.IOException closedByTheGateway) {
                // expected once the gateway has answered
            }
            String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 408");
        }
        assertThat(MAP.received()).hasSize(before);
    }
}
