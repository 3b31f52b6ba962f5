package io.tabelogo.restaurant.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The resilient read cache of {@code GET /restaurants/{id}} ({@code tabelogo.restaurant.cache.*}).
 *
 * @param l1Ttl how long this replica keeps a restaurant in memory; bounds how long another replica's write takes
 *     to be seen here
 * @param l1Size how many restaurants (or "no such restaurant" markers) this replica keeps in memory
 * @param l2Ttl how long a restaurant stays in Redis (± {@code jitter})
 * @param jitter share by which the Redis TTL varies at random, so entries written together do not expire together
 * @param nullTtl how long "no such restaurant" is remembered for an id that passed the id filter
 * @param lockTtl how long the Redis lock of one key's load lives if its holder dies
 * @param lockWait how long a replica that did not get the lock waits for the holder's answer before loading itself
 * @param filterCapacity how many ids the Bloom filter is sized for (about 1.2 MB of Redis per million)
 * @param filterFalsePositiveRate share of unknown ids the filter lets through to the database
 * @param filterRebuildInterval how often the filter is rebuilt from the table (drops deleted ids)
 * @param viewFlushInterval how often buffered view counts are written
 */
@ConfigurationProperties("tabelogo.restaurant.cache")
public record CacheSettings(
        @DefaultValue("5s") Duration l1Ttl,
        @DefaultValue("10000") long l1Size,
        @DefaultValue("10m") Duration l2Ttl,
        @DefaultValue("0.2") double jitter,
        @DefaultValue("5m") Duration nullTtl,
        @DefaultValue("3s") Duration lockTtl,
        @DefaultValue("500ms") Duration lockWait,
        @DefaultValue("1000000") long filterCapacity,
        @DefaultValue("0.01") double filterFalsePositiveRate,
        @DefaultValue("10m") Duration filterRebuildInterval,
        @DefaultValue("5s") Duration viewFlushInterval) {

    public CacheSettings {
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("tabelogo.restaurant.cache.jitter must be in [0, 1)");
        }
        if (filterCapacity < 1000 || filterFalsePositiveRate <= 0 || filterFalsePositiveRate >= 0.5) {
            throw new IllegalArgumentException(
                    "tabelogo.restaurant.cache.filter-capacity must be at least 1000 and filter-false-positive-rate in (0, 0.5)");
        }
    }
}
