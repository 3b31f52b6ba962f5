package io.tabelogo.restaurant.catalog;

import static io.tabelogo.restaurant.catalog.CacheExperiments.count;
import static io.tabelogo.restaurant.catalog.CacheExperiments.loads;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.restaurant.RestaurantServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The penetration and avalanche defences of the read cache, measured. */
class RestaurantCacheIntegrationTest extends RestaurantServiceIntegrationTest {

    @Autowired
    RestaurantCache cache;

    @Autowired
    RestaurantIdFilter filter;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void filterBuilt() throws InterruptedException {
        CacheExperiments.awaitFilter(redis, filter);
    }

    /**
     * A load reads the old row, a write comes and its invalidations (now and a second later) pass, then the slow
     * load finishes: it must not put the old row back in Redis for minutes.
     */
    @Test
    void aLoadThatReadTheRowBeforeAWriteCannotPutTheOldRowBackHoweverLongItTakes() {
        String id = createManual("Before " + UUID.randomUUID()).get("id").asString();
        String key = RestaurantCache.key(UUID.fromString(id));
        String generation = cache.generation(key); // the load starts...
        String oldRow = "{\"name\":\"the row as it was\"}"; // ...and reads the row

        // The write, and both its invalidations, while the load is still under way.
        assertThat(patch("/api/v1/restaurants/" + id, "{\"name\": \"After\"}", asAdmin)
                        .statusCode())
                .isEqualTo(200);

        assertThat(cache.fillUnlessWritten(key, oldRow, Duration.ofMinutes(10), generation))
                .isFalse();
        assertThat(redis.hasKey(key)).isFalse();
        // A load that starts after the write fills as always.
        assertThat(json(get("/api/v1/restaurants/" + id))
                        .get("restaurant")
                        .get("name")
                        .asString())
                .isEqualTo("After");
        assertThat(redis.opsForValue().get(key)).contains("\"After\"");
    }

    @Test
    void unknownIdsAreAnsweredByTheBloomFilterWithoutAnyDatabaseQuery() {
        long loadsBefore = loads(meters);
        double rejectionsBefore = count(meters, "restaurant.bloom.rejections");

        for (int i = 0; i < 100; i++) {
            assertProblem(get("/api/v1/restaurants/" + UUID.randomUUID()), 404, "RESTAURANT_NOT_FOUND");
        }

        assertThat(loads(meters) - loadsBefore).isZero();
        assertThat(count(meters, "restaurant.bloom.rejections") - rejectionsBefore)
                .isEqualTo(100);
    }

    @Test
    void idsThatPassTheFilterButDoNotExistHitTheDatabaseOnceThenTheNullMarker() {
        List<UUID> ghosts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID ghost = UUID.randomUUID();
            filter.add(ghost); // as a deleted row's id stays in the filter until the next rebuild
            ghosts.add(ghost);
        }
        long loadsBefore = loads(meters);
        double nullHitsBefore = count(meters, "restaurant.cache.null.hits");

        for (int round = 0; round < 3; round++) {
            for (UUID ghost : ghosts) {
                assertProblem(get("/api/v1/restaurants/" + ghost), 404, "RESTAURANT_NOT_FOUND");
            }
        }

        assertThat(loads(meters) - loadsBefore).isEqualTo(5);
        assertThat(count(meters, "restaurant.cache.null.hits") - nullHitsBefore).isEqualTo(10);
        Long markerTtl = redis.getExpire(RestaurantCache.key(ghosts.get(0)), TimeUnit.SECONDS);
        assertThat(markerTtl).isBetween(240L, 300L); // 5 minutes
        assertThat(redis.opsForValue().get(RestaurantCache.key(ghosts.get(0)))).isEqualTo("null");
    }

    @Test
    void aRowCreatedThroughTheApiPassesTheFilterAtOnce() {
        String id = createManual(unique("Just created")).get("id").asString();

        HttpResponse<String> response = get("/api/v1/restaurants/" + id);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(filter.check(UUID.fromString(id))).isEqualTo(RestaurantIdFilter.Answer.MAYBE_PRESENT);
    }

    @Test
    void theTtlsOfAThousandCachedEntriesAreSpreadNotOneExpiryInstant() {
        List<UUID> ids = CacheExperiments.insertRows(jdbc, unique("Avalanche"), 1000);
        ids.forEach(filter::add);

        List<Long> ttls = new ArrayList<>();
        for (UUID id : ids) {
            assertThat(cache.get(id).restaurant()).isNotNull();
            ttls.add(redis.getExpire(RestaurantCache.key(id), TimeUnit.SECONDS));
        }

        long shortest = ttls.stream().mapToLong(Long::longValue).min().orElseThrow();
        long longest = ttls.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(shortest).isGreaterThanOrEqualTo(Duration.ofMinutes(8).toSeconds() - 5); // 10 min - 20 %
        assertThat(longest).isLessThanOrEqualTo(Duration.ofMinutes(12).toSeconds()); // 10 min + 20 %
        assertThat(longest - shortest).as("spread of expiry times, s").isGreaterThan(180);
        assertThat(ttls.stream().distinct().count())
                .as("distinct expiry seconds")
                .isGreaterThan(150);
    }

    @Test
    void aWriteInvalidatesTheCachedCopy() {
        String id = createManual(unique("Invalidated")).get("id").asString();
        get("/api/v1/restaurants/" + id);
        assertThat(redis.hasKey(RestaurantCache.key(UUID.fromString(id)))).isTrue();

        patch("/api/v1/restaurants/" + id, "{\"area\": \"Hokkaido\"}", asAdmin);

        assertThat(redis.hasKey(RestaurantCache.key(UUID.fromString(id)))).isFalse();
        HttpResponse<String> read = get("/api/v1/restaurants/" + id);
        assertThat(read.headers().firstValue("X-Cache-Status")).hasValue("MISS");
        assertThat(json(read).get("restaurant").get("area").asString()).isEqualTo("Hokkaido");
    }
}
