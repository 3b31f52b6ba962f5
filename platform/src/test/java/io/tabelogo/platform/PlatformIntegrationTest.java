package io.tabelogo.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platform.probe.ProbeApplication;
import io.tabelogo.platformtest.FaultProxy;
import io.tabelogo.platformtest.PrivateRedisServer;
import io.tabelogo.platformtest.WithPostgres;
import io.tabelogo.platformtest.WithRedis;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The probe service running for real: HTTP on a random port, its own PostgreSQL database and redis-server, JWTs
 * verified against a real JWKS endpoint. Every integration test extends this, so they share one application.
 */
@SpringBootTest(classes = ProbeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPostgres
@WithRedis(faultProxy = true)
@ExtendWith(OutputCaptureExtension.class)
public abstract class PlatformIntegrationTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected PrivateRedisServer redis;

    /** Between the application and {@link #redis}: for latency and partitions. */
    @Autowired
    protected FaultProxy redisProxy;

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) {
        registry.add("tabelogo.security.jwt.jwks-uri", TestTokens::jwksUri);
    }

    protected HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    protected HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    protected HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    protected HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Asserts the one problem+json shape every failure must have, and returns it. */
    protected static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("type").asString()).startsWith("urn:tabelogo:problem:");
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("request_id").asString())
                .isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
        assertThat(problem.get("trace_id").asString()).matches("[0-9a-f]{32}");
        assertThat(response.body()).doesNotContain("\"trace\"", "stackTrace", "exception");
        return problem;
    }

    /** The sum of every series of a metric on /metrics (0 when it has none). */
    protected double metricSum(String name) {
        return get("/metrics")
                .body()
                .lines()
                .filter(l -> l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
