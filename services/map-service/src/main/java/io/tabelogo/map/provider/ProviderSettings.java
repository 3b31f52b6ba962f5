package io.tabelogo.map.provider;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where places come from and how outbound calls are protected ({@code tabelogo.map.provider.*}).
 *
 * @param kind {@code google} or {@code offline}; empty picks google when an API key is set, else offline
 * @param timeout how long one call may take before it counts as a (retryable) failure
 * @param quotaPerMinute calls per minute this replica may make to the provider (Google bills each one)
 * @param retryWait the pause before the one retry, randomised by ±50 % so replicas do not retry in step
 */
@ConfigurationProperties("tabelogo.map.provider")
public record ProviderSettings(
        @DefaultValue("") String kind,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("600") int quotaPerMinute,
        @DefaultValue("200ms") Duration retryWait,
        @DefaultValue Google google,
        @DefaultValue Offline offline) {

    public ProviderSettings {
        if (quotaPerMinute < 1) {
            throw new IllegalArgumentException("tabelogo.map.provider.quota-per-minute must be at least 1");
        }
    }

    /** The provider to use: {@code kind}, or google exactly when an API key is configured. */
    public String effectiveKind() {
        if (kind.isBlank()) {
            return google.apiKey().isBlank() ? "offline" : "google";
        }
        return kind.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * @param apiKey sent as {@code X-Goog-Api-Key}; never logged
     * @param baseUrl Google's endpoint, or a local fake server in tests
     */
    public record Google(
            @DefaultValue("") String apiKey,
            @DefaultValue("https://places.googleapis.com") URI baseUrl,
            @DefaultValue("2s") Duration connectTimeout) {

        @Override
        public String toString() {
            return "Google[apiKey=" + (apiKey.isBlank() ? "" : "(set)") + ", baseUrl=" + baseUrl + "]";
        }
    }

    /**
     * Fault knobs of the offline provider, for load and chaos tests.
     *
     * @param latencyMs added to every call: {@code min-max} in milliseconds, or one number
     * @param errorRate share of calls (0.0–1.0) that fail as if the provider answered 503
     * @param dataset the places, in the JSON shape of a Google text search response
     */
    public record Offline(
            @DefaultValue("0") String latencyMs,
            @DefaultValue("0.0") double errorRate,
            @DefaultValue("classpath:offline/places.json") String dataset) {}
}
