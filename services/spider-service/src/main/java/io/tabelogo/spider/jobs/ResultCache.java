package io.tabelogo.spider.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.redis.RedisGuard;
import io.tabelogo.spider.scraper.ScraperSettings;
import io.tabelogo.spider.scraper.TabelogRestaurant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tabelog:results:{google_id}:{search key}} (the key of {@link ScrapeRequest#searchKey()}, so a
 * request is only answered with results of the same search): a finished job's results, 24 h, or 1 h when Tabelog listed
 * nothing (it may list the place soon). Behind the {@code redis} guard: with Redis down every request is a miss
 * and becomes a job, which is slower but correct. {@code spider_cache_hits_total} / {@code _misses_total} with
 * {@code cache_type="result"}.
 */
@Component
class ResultCache {

    private static final Logger log = LoggerFactory.getLogger(ResultCache.class);
    static final String PREFIX = "tabelog:results:";

    private final StringRedisTemplate redis;
    private final RedisGuard guard;
    private final JsonMapper json;
    private final ScraperSettings settings;
    private final Counter hits;
    private final Counter misses;

    ResultCache(
            StringRedisTemplate redis,
            RedisGuard guard,
            JsonMapper json,
            ScraperSettings settings,
            MeterRegistry meters) {
        this.redis = redis;
        this.guard = guard;
        this.json = json;
        this.settings = settings;
        this.hits = Counter.builder("spider.cache.hits")
                .description("Scrape requests answered from the result cache")
                .tag("cache_type", "result")
                .register(meters);
        this.misses = Counter.builder("spider.cache.misses")
                .description("Scrape requests the result cache could not answer")
                .tag("cache_type", "result")
                .register(meters);
    }

    static String key(String googleId, String searchKey) {
        return PREFIX + googleId + ":" + searchKey;
    }

    Optional<CachedResults> get(String googleId, String searchKey) {
        String stored = guard.call(() -> redis.opsForValue().get(key(googleId, searchKey)), () -> null);
        if (stored != null) {
            try {
                CachedResults cached = json.readValue(stored, CachedResults.class);
                hits.increment();
                return Optional.of(cached);
            } catch (JacksonException unreadable) {
                log.warn(
                        "Ignoring an unreadable result cache entry for {}: {}",
                        googleId,
                        unreadable.getOriginalMessage());
            }
        }
        misses.increment();
        return Optional.empty();
    }

    void put(String googleId, String searchKey, List<TabelogRestaurant> restaurants, Instant at) {
        CachedResults entry = new CachedResults(googleId, restaurants, restaurants.size(), at);
        Duration ttl = restaurants.isEmpty() ? settings.emptyResultTtl() : settings.resultTtl();
        guard.run(() -> redis.opsForValue().set(key(googleId, searchKey), json.writeValueAsString(entry), ttl));
    }
}
