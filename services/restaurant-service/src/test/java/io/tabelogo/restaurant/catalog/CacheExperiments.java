package io.tabelogo.restaurant.catalog;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the cache experiments share: rows written straight to the table, and the numbers they assert on. */
final class CacheExperiments {

    private CacheExperiments() {}

    /** Inserts {@code count} live restaurants in one statement and returns their ids. */
    static List<UUID> insertRows(JdbcClient jdbc, String namePrefix, int count) {
        return jdbc.sql("INSERT INTO restaurants (id, name, source) SELECT gen_random_uuid(), ? || n, 'manual' "
                        + "FROM generate_series(1, ?) AS n RETURNING id")
                .params(namePrefix, count)
                .query(UUID.class)
                .list();
    }

    /** Database loads of the cache so far (each one a query). */
    static long loads(MeterRegistry meters) {
        return meters.get("restaurant.cache.load.duration").timer().count();
    }

    static double count(MeterRegistry meters, String counter) {
        return meters.get(counter).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    /** Waits until the id filter exists (it is built in the background at start-up). */
    static void awaitFilter(StringRedisTemplate redis, RestaurantIdFilter filter) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Boolean.TRUE.equals(redis.hasKey(RestaurantIdFilter.KEY))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the restaurant id filter was never built");
            }
            filter.rebuild();
            Thread.sleep(50);
        }
    }
}
