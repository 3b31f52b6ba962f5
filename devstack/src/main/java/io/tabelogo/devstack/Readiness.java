package io.tabelogo.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/** A service is up when GET /health/readiness answers 200 (its own database included, Redis deliberately not). */
final class Readiness {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Readiness() {}

    static boolean isReady(ServiceSpec service) {
        var request = HttpRequest.newBuilder(URI.create(service.readinessUrl()))
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            return CLIENT.send(request, BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
