package io.tabelogo.gameday;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The running platform a game day is played against: its gateway (every request of the load goes through it, with a
 * visitor's token of its own), the chaos API as an administrator, and the services' own metrics.
 */
final class Target {

    private final URI gateway;
    private final ChaosApi chaos;
    private final Metrics metrics;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private String visitorToken;

    Target(URI gateway, ChaosApi chaos, Metrics metrics) {
        this.gateway = gateway;
        this.chaos = chaos;
        this.metrics = metrics;
    }

    ChaosApi chaos() {
        return chaos;
    }

    Metrics metrics() {
        return metrics;
    }

    /** A request through the gateway as the game day's visitor (an account of its own, made once). */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(gateway.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + visitorToken());
    }

    /** Sends a request and reads its answer as text. */
    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode json(HttpResponse<String> response) {
        return ChaosApi.JSON.readTree(response.body());
    }

    private synchronized String visitorToken() {
        if (visitorToken == null) {
            String email = "gameday-" + UUID.randomUUID() + "@example.com";
            String password = "Gameday-" + UUID.randomUUID();
            String account = ChaosApi.JSON
                    .createObjectNode()
                    .put("email", email)
                    .put("password", password)
                    .put("username", "gameday")
                    .toString();
            politely("/api/v1/auth/register", account, 201);
            String login = ChaosApi.JSON
                    .createObjectNode()
                    .put("email", email)
                    .put("password", password)
                    .toString();
            visitorToken = json(politely("/api/v1/auth/login", login, 200))
                    .path("access_token")
                    .asString();
        }
        return visitorToken;
    }

    /** A POST that waits out the login rate limit as its Retry-After asks, expected to answer {@code expected}. */
    private HttpResponse<String> politely(String path, String body, int expected) {
        HttpResponse<String> answer;
        try {
            answer = ChaosApi.postWaitingOutRateLimit(http, gateway.resolve(path), body, wait -> {});
        } catch (IOException e) {
            throw new UncheckedIOException(path + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer;
    }
}
