package io.tabelogo.map.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.cache.Jitter;
import io.tabelogo.platform.redis.RedisGuard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Places and text search results in Redis (this service's db 2), with the places read or written in the last few
 * seconds also kept in this replica's memory (two levels: a hot place costs no Redis round trip). A place entry lives for the stale TTL (24 h) but
 * is fresh only until its jittered {@code fresh_until} (1 h ± 10 %): after that it is refetched, and served with
 * {@code stale: true} only when the provider fails. "No such place" is remembered briefly too (penetration). All
 * Redis calls go through the {@code redis} breaker: with Redis down every lookup is a miss, at no wait once the
 * breaker is open, and writes are skipped.
 */
@Component
class PlaceCache {

    private static final Logger log = LoggerFactory.getLogger(PlaceCache.class);

    private final StringRedisTemplate redis;
    private final RedisGuard guard;
    private final JsonMapper json;
    private final Clock clock;
    private final SearchSettings.Cache settings;
    private final MeterRegistry meters;
    private final Cache<String, CachedPlace> local;

    PlaceCache(
            StringRedisTemplate redis,
            RedisGuard guard,
            JsonMapper json,
            Clock clock,
            SearchSettings settings,
            MeterRegistry meters) {
        this.redis = redis;
        this.guard = guard;
        this.json = json;
        this.clock = clock;
        this.settings = settings.cache();
        this.meters = meters;
        this.local = Caffeine.newBuilder()
                .expireAfterWrite(this.settings.localTtl())
                .maximumSize(this.settings.localTtl().isZero() ? 0 : this.settings.localSize())
                .build();
        for (String cache : List.of("place", "search")) {
            hits(cache);
            misses(cache);
        }
    }

    /**
     * A place as cached; {@code place} is null for a remembered "not found". {@code placeJson} is the place already
     * written as JSON: an entry kept in memory is served many times, and writing a 3 kB tree per answer cost more
     * than anything else in a cached quick search (bench/map-service.sh).
     */
    record CachedPlace(Instant cachedAt, Instant freshUntil, JsonNode place, String placeJson) {

        boolean freshAt(Instant now) {
            return now.isBefore(freshUntil);
        }

        boolean notFound() {
            return place == null || place.isNull();
        }
    }

    /** A text search result: how many places, and the places as the JSON array the answer carries. */
    record CachedSearch(int count, String placesJson) {}

    static String placeKey(String placeId, String languageCode, String maskTag) {
        return "map:place:" + placeId + ":" + languageCode + ":" + maskTag;
    }

    /** The entry, fresh or not (counted as a hit only when fresh), or null. */
    CachedPlace place(String key) {
        CachedPlace entry = read(key);
        boolean hit = entry != null && entry.freshAt(clock.instant());
        (hit ? hits("place") : misses("place")).increment();
        return entry;
    }

    /** Caches the place and answers it as cached (its JSON written once). */
    CachedPlace putPlace(String key, ObjectNode place) {
        Instant now = clock.instant();
        return write(
                key,
                new StoredPlace(now, now.plus(Jitter.around(settings.placeTtl(), settings.jitter())), place),
                settings.staleTtl());
    }

    void putNotFound(String key) {
        Instant now = clock.instant();
        write(key, new StoredPlace(now, now.plus(settings.notFoundTtl()), null), settings.notFoundTtl());
    }

    /** The Redis form of an entry. */
    private record StoredPlace(Instant cachedAt, Instant freshUntil, JsonNode place) {}

    CachedSearch search(String key) {
        String value = guard.call(() -> redis.opsForValue().get(key), () -> null);
        int newline = value == null ? -1 : value.indexOf('\n');
        CachedSearch entry = null;
        if (newline > 0) { // "<count>\n<places>": kept as text so a hit is copied out, not parsed and re-written
            try {
                entry = new CachedSearch(Integer.parseInt(value, 0, newline, 10), value.substring(newline + 1));
            } catch (NumberFormatException unreadable) {
                log.warn("Unreadable cache entry {}, ignoring it", key);
            }
        }
        (entry != null ? hits("search") : misses("search")).increment();
        return entry;
    }

    void putSearch(String key, CachedSearch result) {
        String value = result.count() + "\n" + result.placesJson();
        Duration ttl = Jitter.around(settings.searchTtl(), settings.jitter());
        guard.run(() -> redis.opsForValue().set(key, value, ttl));
    }

    /** Places only go to memory: search results are large and rarely asked for twice within seconds. */
    private CachedPlace read(String key) {
        CachedPlace remembered = local.getIfPresent(key);
        if (remembered != null) {
            return remembered;
        }
        String value = guard.call(() -> redis.opsForValue().get(key), () -> null);
        if (value == null) {
            return null;
        }
        try {
            CachedPlace entry = rendered(json.readValue(value, StoredPlace.class));
            local.put(key, entry);
            return entry;
        } catch (JacksonException unreadable) { // e.g. written by an older version: refetch and overwrite
            log.warn("Unreadable cache entry {}, ignoring it: {}", key, unreadable.getOriginalMessage());
            return null;
        }
    }

    private CachedPlace write(String key, StoredPlace stored, Duration ttl) {
        CachedPlace entry = rendered(stored);
        local.put(key, entry);
        String value = json.writeValueAsString(stored);
        guard.run(() -> redis.opsForValue().set(key, value, ttl));
        return entry;
    }

    private CachedPlace rendered(StoredPlace stored) {
        JsonNode place = stored.place();
        String placeJson = place == null || place.isNull() ? null : json.writeValueAsString(place);
        return new CachedPlace(stored.cachedAt(), stored.freshUntil(), place, placeJson);
    }

    private Counter hits(String cache) {
        return Counter.builder("map.cache.hits")
                .description("Lookups answered from the cache")
                .tag("cache", cache)
                .register(meters);
    }

    private Counter misses(String cache) {
        return Counter.builder("map.cache.misses")
                .description("Lookups the cache could not answer (absent, expired, or Redis unavailable)")
                .tag("cache", cache)
                .register(meters);
    }
}
