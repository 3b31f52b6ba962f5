package io.tabelogo.map.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Caching, per-client limits and batch fetching ({@code tabelogo.map.*}).
 *
 * @param batchParallelism how many places one {@code BatchGetPlaces} call fetches at a time
 */
@ConfigurationProperties("tabelogo.map")
public record SearchSettings(
        @DefaultValue Cache cache,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("8") int batchParallelism) {

    public SearchSettings {
        if (batchParallelism < 1) {
            throw new IllegalArgumentException("tabelogo.map.batch-parallelism must be at least 1");
        }
    }

    /**
     * @param placeTtl how long a place is served from the cache without asking the provider (± {@code jitter})
     * @param staleTtl how long a place is kept to be served stale while the provider fails
     * @param searchTtl how long a text search result is served from the cache (± {@code jitter})
     * @param notFoundTtl how long "no such place" is remembered, so unknown ids do not reach the provider each time
     * @param jitter share by which TTLs vary at random, so entries written together do not expire together
     * @param localTtl how long this replica keeps a place it read from or wrote to Redis in memory (0 = never), so
     *     a hot place costs no Redis round trip; bounds how long a replica may lag a newer copy in Redis
     * @param localSize how many places this replica keeps in memory (about 15 kB each)
     */
    public record Cache(
            @DefaultValue("1h") Duration placeTtl,
            @DefaultValue("24h") Duration staleTtl,
            @DefaultValue("5m") Duration searchTtl,
            @DefaultValue("5m") Duration notFoundTtl,
            @DefaultValue("0.1") double jitter,
            @DefaultValue("10s") Duration localTtl,
            @DefaultValue("5000") long localSize) {

        public Cache {
            if (jitter < 0 || jitter >= 1) {
                throw new IllegalArgumentException("tabelogo.map.cache.jitter must be in [0, 1)");
            }
            if (staleTtl.compareTo(placeTtl.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("tabelogo.map.cache.stale-ttl must be at least twice place-ttl");
            }
        }
    }

    /** Requests per minute per client (user, else IP address), a separate bucket per endpoint. */
    public record RateLimit(
            @DefaultValue("60") long quickSearchPerMinute,
            @DefaultValue("30") long advanceSearchPerMinute) {}
}
