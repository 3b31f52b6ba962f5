package io.tabelogo.gameday;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The services' own {@code /metrics} (Prometheus' text format), read as the game day's evidence: the sum of a
 * metric's series whose labels include the ones asked for.
 */
final class Metrics {

    private final Map<String, URI> endpoints;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param endpoints each service's {@code /metrics} URL, by service name ({@code restaurant-service} …) */
    Metrics(Map<String, URI> endpoints) {
        this.endpoints = Map.copyOf(endpoints);
    }

    /** The sum of {@code name}'s series at {@code service} whose labels include each of {@code labels}. */
    double sum(String service, String name, String... labels) throws InterruptedException {
        URI endpoint = endpoints.get(service);
        if (endpoint == null) {
            throw new IllegalArgumentException("no /metrics address for " + service + ": " + endpoints.keySet());
        }
        String body;
        try {
            body = http.send(
                            HttpRequest.newBuilder(endpoint)
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException unreachable) {
            throw new IllegalStateException(service + "'s metrics at " + endpoint + " did not answer", unreachable);
        }
        return sum(body, name, List.of(labels));
    }

    /** The same over a text already read (for the unit test of the parsing). */
    static double sum(String exposition, String name, List<String> labels) {
        double total = 0;
        for (String line : exposition.lines().toList()) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int end = line.lastIndexOf('}');
            String labelSet = end < 0 ? "" : line.substring(name.length(), end + 1);
            if (labels.stream().allMatch(labelSet::contains)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
