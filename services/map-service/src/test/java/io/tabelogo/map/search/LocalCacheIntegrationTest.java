package io.tabelogo.map.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.map.MapServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The in-memory level in front of Redis, as shipped (on), here kept 30 s. */
@TestPropertySource(properties = "tabelogo.map.cache.local-ttl=30s")
class LocalCacheIntegrationTest extends MapServiceIntegrationTest {

    @Test
    void aPlaceJustCachedIsServedFromMemoryWithoutAskingRedisOrTheProvider() {
        String id = someOfflinePlaceId("izakaya");
        forgetCached(id);
        JsonNode fetched = json(quickSearch(quickSearchBody(id)));
        double callsBefore = metricSum("map_google_api_calls_total");

        forgetCached(id); // gone from Redis; this replica still remembers it
        JsonNode remembered = json(quickSearch(quickSearchBody(id)));

        assertThat(fetched.path("source").asString()).isEqualTo("offline");
        assertThat(remembered.path("source").asString()).isEqualTo("cache");
        assertThat(remembered.path("result")).isEqualTo(fetched.path("result"));
        assertThat(metricSum("map_google_api_calls_total")).isEqualTo(callsBefore);
    }

    @Test
    void theMemoryLevelKeepsTheFreshnessRulesOfTheEntry() {
        String id = someOfflinePlaceId("udon");
        forgetCached(id);
        quickSearch(quickSearchBody(id));

        clock.advance(java.time.Duration.ofHours(2)); // past fresh_until, still in memory
        JsonNode refetched = json(quickSearch(quickSearchBody(id)));

        assertThat(refetched.path("source").asString()).isEqualTo("offline");
    }
}
