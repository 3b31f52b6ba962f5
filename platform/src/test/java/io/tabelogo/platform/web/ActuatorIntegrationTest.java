package io.tabelogo.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platform.PlatformIntegrationTest;
import io.tabelogo.platform.TestTokens;
import org.junit.jupiter.api.Test;

class ActuatorIntegrationTest extends PlatformIntegrationTest {

    @Test
    void probesAreAtTheRoot() {
        var liveness = get("/health/liveness");
        var readiness = get("/health/readiness");

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json(readiness).get("components").has("db")).isTrue();
        assertThat(json(readiness).get("components").has("redis")).isFalse();
    }

    @Test
    void metricsArePrometheusTextWithServiceTagAndHttpHistograms() {
        get("/probe/missing");

        var response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(response.body())
                .containsPattern(
                        "http_server_requests_seconds_bucket\\{[^}]*service=\"platform-probe\"[^}]*uri=\"/probe/missing\"")
                .contains("db_slow_queries_total{")
                .contains("redis_guard_fallbacks_total{")
                .contains("resilience4j_circuitbreaker_state{")
                .contains("jvm_memory_used_bytes{");
    }

    @Test
    void exemplarsOnlyOnBucketsAndCountersWherePrometheus242AcceptsThem() {
        get("/probe/missing");

        var response = get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");

        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/openmetrics-text"));
        var withExemplars =
                response.body().lines().filter(l -> l.contains(" # {")).toList();
        // OpenMetrics allows exemplars on histogram buckets and counter totals; Prometheus 2.42 refuses the scrape
        // when one sits on a _count line.
        assertThat(withExemplars)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).containsPattern("^\\w+(_bucket|_total)\\{"));
        assertThat(withExemplars).anySatisfy(line -> assertThat(line).containsPattern("trace_id=\"[0-9a-f]{32}\""));
    }

    @Test
    void onlyHealthInfoAndMetricsAreExposed() {
        String[] admin = {"Authorization", "Bearer " + TestTokens.valid("ops", "admin")};
        assertThat(get("/env", admin).statusCode()).isEqualTo(404);
        assertThat(get("/actuator/env", admin).statusCode()).isEqualTo(404);
        assertThat(get("/beans", admin).statusCode()).isEqualTo(404);
        assertThat(get("/env").statusCode()).isEqualTo(401);
    }

    @Test
    void securityHeadersAreOnEveryResponse() {
        var response = get("/probe/missing");

        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        assertThat(response.headers().firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
        assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(response.headers().firstValue("Permissions-Policy")).isPresent();
    }

    @Test
    void hstsOnlyWhenTheClientUsedTls() {
        assertThat(get("/probe/missing").headers().firstValue("Strict-Transport-Security"))
                .isEmpty();
        // 127.0.0.1 is a trusted proxy in the probe's configuration: its word about TLS counts.
        assertThat(get("/probe/missing", "X-Forwarded-Proto", "https")
                        .headers()
                        .firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("max-age=31536000"));
    }

    @Test
    void corsIsOffByDefault() {
        var response = send(request("/probe/missing", "Origin", "https://evil.example")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Access-Control-Request-Method", "GET")
                .build());

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
