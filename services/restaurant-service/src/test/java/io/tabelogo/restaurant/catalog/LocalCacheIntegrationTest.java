package io.tabelogo.restaurant.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.restaurant.RestaurantServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The in-memory level (L1) in front of Redis, with its shipped few-seconds lifetime. */
@TestPropertySource(properties = "tabelogo.restaurant.cache.l1-ttl=5s")
class LocalCacheIntegrationTest extends RestaurantServiceIntegrationTest {

    @Test
    void aRestaurantReadTwiceIsServedFromMemoryTheSecondTimeAndAWriteHereDropsIt() {
        String id = createManual(unique("L1")).get("id").asString();

        HttpResponse<String> first = get("/api/v1/restaurants/" + id);
        redis.delete(RestaurantCache.key(UUID.fromString(id))); // memory alone must answer now
        HttpResponse<String> second = get("/api/v1/restaurants/" + id);
        patch("/api/v1/restaurants/" + id, "{\"name_ja\": \"エルワン\"}", asUser);
        HttpResponse<String> afterWrite = get("/api/v1/restaurants/" + id);

        assertThat(first.headers().firstValue("X-Cache-Status")).hasValue("MISS");
        assertThat(second.headers().firstValue("X-Cache-Status")).hasValue("L1");
        assertThat(afterWrite.headers().firstValue("X-Cache-Status")).hasValue("MISS");
        assertThat(json(afterWrite).get("restaurant").get("name_ja").asString()).isEqualTo("エルワン");
    }

    @Test
    void theCacheMetricsOfTheSpecExistFromTheStart() {
        String metrics = get("/metrics").body();

        assertThat(metrics)
                .contains(
                        "restaurant_cache_requests_total{level=\"l1\",result=\"hit\"",
                        "restaurant_cache_requests_total{level=\"l2\",result=\"miss\"",
                        "restaurant_cache_null_hits_total",
                        "restaurant_bloom_rejections_total",
                        "restaurant_cache_failures_total",
                        "restaurant_cache_load_duration_seconds_count",
                        "restaurant_singleflight_waits_total",
                        "restaurant_map_service_calls_total{",
                        "restaurant_sync_duration_seconds_count",
                        "restaurant_stale_data_returns_total",
                        "restaurant_tabelog_events_total{",
                        "db_connections_active",
                        "db_slow_queries_total",
                        "hikaricp_connections_active",
                        "resilience4j_circuitbreaker_state{",
                        "name=\"map-grpc\"");
    }
}
