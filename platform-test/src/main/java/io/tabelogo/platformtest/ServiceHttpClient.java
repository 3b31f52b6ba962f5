package io.tabelogo.platformtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP calls to the service under test on {@link #port()}, and the assertions every service's tests share
 * (the problem+json shape, metric values). Integration-test base classes implement it.
 */
public interface ServiceHttpClient {

    HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    JsonMapper JSON = JsonMapper.builder().build();

    /** The service's HTTP port. */
    int port();

    default HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    default HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    default HttpResponse<String> put(String path, String body, String... headers) {
        return withJsonBody("PUT", path, body, headers);
    }

    default HttpResponse<String> patch(String path, String body, String... headers) {
        return withJsonBody("PATCH", path, body, headers);
    }

    default HttpResponse<String> delete(String path, String... headers) {
        return send(request(path, headers).DELETE().build());
    }

    private HttpResponse<String> withJsonBody(String method, String path, String body, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    default HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    default HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    default JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Asserts the one problem+json shape every failure must have (docs/architecture.md, "Errors"), and returns it. */
    default JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
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
    default double metricSum(String name) {
        return metricSum(name, "");
    }

    /** The sum of the series of a metric whose labels include {@code label}, e.g. {@code outcome="applied"}. */
    default double metricSum(String name, String label) {
        return get("/metrics")
                .body()
                .lines()
                .filter(l -> l.startsWith(name + "{")
                        && l.substring(0, l.indexOf('}') + 1).contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
