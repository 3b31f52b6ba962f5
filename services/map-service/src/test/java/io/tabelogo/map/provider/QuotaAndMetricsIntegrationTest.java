package io.tabelogo.map.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.tabelogo.map.MapServiceIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The client-side quota (here 3 calls a minute) and the documented metric names, which dashboards rely on. */
@TestPropertySource(properties = "tabelogo.map.provider.quota-per-minute=3")
class QuotaAndMetricsIntegrationTest extends MapServiceIntegrationTest {

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void aSpentQuotaRefusesCallsWithoutCountingAgainstTheProvidersHealth() {
        for (int i = 0; i < 3; i++) {
            quickSearch(quickSearchBody("ChIJquota" + i + System.nanoTime())); // 404s, but each is a provider call
        }

        var refused = quickSearch(quickSearchBody("ChIJquotaSpent" + System.nanoTime()));

        assertProblem(refused, 503, "MAP_PROVIDER_UNAVAILABLE");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(metricSum("map_quota_rejections_total")).isEqualTo(1);
        assertThat(metricSum("map_errors_total")).isGreaterThanOrEqualTo(1);
        assertThat(breakers.circuitBreaker("map-provider").getMetrics().getNumberOfFailedCalls())
                .isZero();
    }

    @Test
    void everyMetricOfTheSpecIsPublishedWithItsTags() {
        List<String> series = get("/metrics").body().lines().toList();

        assertSeries(
                series,
                "map_google_api_calls_total",
                "api_type=\"place_details\"",
                "provider=\"offline\"",
                "status=\"success\"");
        assertSeries(series, "map_google_api_calls_total", "api_type=\"text_search\"", "status=\"error\"");
        assertSeries(series, "map_google_api_duration_seconds_count", "api_type=\"place_details\"");
        assertSeries(series, "map_quota_rejections_total");
        assertSeries(series, "map_cache_hits_total", "cache=\"place\"");
        assertSeries(series, "map_cache_misses_total", "cache=\"search\"");
        assertSeries(series, "map_stale_served_total");
        assertSeries(series, "map_errors_total", "type=");
        assertSeries(series, "map_active_requests");
        assertSeries(series, "map_rate_limit_rejections_total", "policy=\"map_quick_search\"");
        assertSeries(series, "map_rate_limit_rejections_total", "policy=\"map_advance_search\"");
        assertSeries(series, "resilience4j_circuitbreaker_state", "name=\"map-provider\"");
        assertSeries(series, "resilience4j_circuitbreaker_state", "name=\"redis\"");
    }

    private static void assertSeries(List<String> series, String name, String... tags) {
        assertThat(series)
                .as("%s with %s", name, List.of(tags))
                .anyMatch(line ->
                        line.startsWith(name + "{") && List.of(tags).stream().allMatch(line::contains));
    }
}
