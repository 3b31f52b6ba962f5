package io.tabelogo.restaurant.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tabelogo.platform.cache.Jitter;
import io.tabelogo.platform.cache.SingleFlight;
import io.tabelogo.platform.redis.RedisGuard;
import io.tabelogo.platform.web.PublicReads;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resilient read cache of {@code GET /restaurants/{id}}: Caffeine in this replica (L1, seconds) in
 * front of Redis (L2, {@code restaurant:v1:{id}}, minutes ± jitter) in front of PostgreSQL.
 *
 * <ul>
 *   <li>Penetration: an id the shared {@link RestaurantIdFilter} does not know is answered "absent" without a query;
 *       an id that passes it but does not exist is remembered as a null marker ({@code null}) for a few minutes.
 *   <li>Breakdown: one load per key in this replica ({@link SingleFlight}) and one across replicas (a Redis lock);
 *       replicas that miss the lock wait briefly for the holder's answer in Redis, then load themselves.
 *   <li>Avalanche and Redis down: jittered TTLs; every Redis call goes through the {@code redis} breaker, so with
 *       Redis down reads go L1 → PostgreSQL at no wait once the breaker is open, and come back by themselves.
 * </ul>
 *
 * Writes invalidate both levels and move the key's write generation ({@code restaurant:v1:{id}:gen}): a load reads
 * the generation before the row and fills Redis only if it has not moved, so a load that read the old row before a
 * write cannot put it back however long it takes. A second invalidation a second later remains for L1 and for
 * writes made while Redis was unreachable.
 */
@Component
public class RestaurantCache {

    private static final Logger log = LoggerFactory.getLogger(RestaurantCache.class);
    private static final String NULL_MARKER = "null";
    private static final Duration POLL = Duration.ofMillis(20);
    /** How long a key's write generation is remembered: far longer than any load takes. */
    private static final Duration GENERATION_TTL = Duration.ofHours(1);
    /** Fills L2 only if no write happened since the load read the generation (else a later write's row wins). */
    private static final RedisScript<Long> FILL_UNLESS_WRITTEN = RedisScript.of("""
            if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[3] then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1""", Long.class);
    /** A write: a new generation (loads under way will not fill), and the cached copy gone. */
    private static final RedisScript<Long> WRITTEN = RedisScript.of("""
            redis.call('INCR', KEYS[2])
            redis.call('PEXPIRE', KEYS[2], ARGV[1])
            redis.call('DEL', KEYS[1])
            return 1""", Long.class);

    /** Which level answered: the {@code X-Cache-Status} header. */
    public enum Level {
        L1,
        L2,
        MISS
    }

    /**
     * A lookup's answer: the restaurant, or null when there is none, the restaurant as the JSON text Redis holds,
     * written once per load (an answer sends it as it is instead of writing the record again), and that text's
     * HTTP ETag, made once per entry of L1 instead of once per request.
     */
    public record Lookup(Restaurant restaurant, String json, String etag, Level level) {}

    /** What L1 holds: a restaurant, its JSON and ETag, or the knowledge that there is none (all null). */
    private record Entry(Restaurant restaurant, String json, String etag) {

        Entry(Restaurant restaurant, String json) {
            this(restaurant, json, json == null ? null : PublicReads.etag(json));
        }
    }

    /** A read of L2: {@code available} false when Redis did not answer; {@code value} null on a miss. */
    private record RemoteRead(boolean available, String value) {}

    private final StringRedisTemplate redis;
    private final RedisGuard guard;
    private final RedisLock locks;
    private final RestaurantIdFilter filter;
    private final Restaurants restaurants;
    private final JsonMapper json;
    private final CacheSettings settings;
    private final Cache<UUID, Entry> local;
    private final SingleFlight flights;
    private final ScheduledExecutorService secondInvalidations = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("restaurant-cache-invalidation").factory());
    private final Counter l1Hits;
    private final Counter l1Misses;
    private final Counter l2Hits;
    private final Counter l2Misses;
    private final Counter nullHits;
    private final Counter failures;
    private final Timer loads;

    RestaurantCache(
            StringRedisTemplate redis,
            RedisGuard guard,
            RedisLock locks,
            RestaurantIdFilter filter,
            Restaurants restaurants,
            JsonMapper json,
            CacheSettings settings,
            MeterRegistry meters) {
        this.redis = redis;
        this.guard = guard;
        this.locks = locks;
        this.filter = filter;
        this.restaurants = restaurants;
        this.json = json;
        this.settings = settings;
        this.local = Caffeine.newBuilder()
                .expireAfterWrite(settings.l1Ttl())
                .maximumSize(settings.l1Ttl().isZero() ? 0 : settings.l1Size())
                .build();
        this.l1Hits = requests(meters, "l1", "hit");
        this.l1Misses = requests(meters, "l1", "miss");
        this.l2Hits = requests(meters, "l2", "hit");
        this.l2Misses = requests(meters, "l2", "miss");
        this.nullHits = Counter.builder("restaurant.cache.null.hits")
                .description("Lookups answered by a cached \"no such restaurant\" marker")
                .register(meters);
        this.failures = Counter.builder("restaurant.cache.failures")
                .description(
                        "Cache lookups that could not use Redis (failed, or its circuit open) and went on without it")
                .register(meters);
        Counter waits = Counter.builder("restaurant.singleflight.waits")
                .description("Lookups that waited for another request's load of the same restaurant")
                .register(meters);
        this.flights = new SingleFlight(waits::increment);
        this.loads = Timer.builder("restaurant.cache.load.duration")
                .description("Loads of a restaurant from PostgreSQL on a cache miss")
                .register(meters);
    }

    public Lookup get(UUID id) {
        Entry remembered = local.getIfPresent(id);
        if (remembered != null) {
            l1Hits.increment();
            return answer(remembered, Level.L1);
        }
        l1Misses.increment();
        String key = key(id);
        RemoteRead remote = readRemote(key);
        if (remote.value() != null) {
            l2Hits.increment();
            return fromRemote(id, key, remote.value());
        }
        if (!remote.available()) { // Redis down: the database answers, one load per key at a time
            return flights.run(key, () -> load(id, null));
        }
        l2Misses.increment();
        if (filter.check(id) == RestaurantIdFilter.Answer.ABSENT) {
            return new Lookup(null, null, null, Level.MISS);
        }
        return flights.run(key, () -> loadOnceAcrossReplicas(id, key));
    }

    /** After a write of the row: forget it everywhere, and make sure the filter knows it. */
    public void written(UUID id) {
        invalidate(id);
        filter.add(id);
        secondInvalidations.schedule(() -> invalidate(id), 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        secondInvalidations.shutdownNow();
    }

    private void invalidate(UUID id) {
        local.invalidate(id);
        String key = key(id);
        guard.run(() ->
                redis.execute(WRITTEN, List.of(key, generationKey(key)), Long.toString(GENERATION_TTL.toMillis())));
    }

    /** The key's write generation, read before a load reads the row; null when Redis did not answer. */
    String generation(String key) {
        return guard.call(
                () -> Objects.requireNonNullElse(redis.opsForValue().get(generationKey(key)), "0"), () -> null);
    }

    /** Puts a loaded value in L2 unless the row was written since {@code generation} was read; whether it did. */
    boolean fillUnlessWritten(String key, String value, Duration ttl, String generation) {
        Long filled = guard.call(
                () -> redis.execute(
                        FILL_UNLESS_WRITTEN,
                        List.of(key, generationKey(key)),
                        value,
                        Long.toString(ttl.toMillis()),
                        generation),
                () -> 0L);
        return filled != null && filled == 1;
    }

    private static String generationKey(String key) {
        return key + ":gen";
    }

    private Lookup loadOnceAcrossReplicas(UUID id, String key) {
        String lockKey = key + ":lock";
        RedisLock.Attempt lock = locks.tryLock(lockKey, settings.lockTtl());
        if (lock.held()) {
            try {
                // The previous holder may have filled Redis between our miss and our lock.
                RemoteRead filled = readRemote(key);
                return filled.value() != null ? fromRemote(id, key, filled.value()) : load(id, key);
            } finally {
                locks.release(lockKey, lock);
            }
        }
        if (lock.redisAvailable()) { // another replica is loading: its answer will be in Redis in a moment
            long deadline = System.nanoTime() + settings.lockWait().toNanos();
            while (System.nanoTime() < deadline) {
                LockSupport.parkNanos(POLL.toNanos());
                RemoteRead remote = readRemote(key);
                if (remote.value() != null) {
                    return fromRemote(id, key, remote.value());
                }
                if (!remote.available()) {
                    break;
                }
            }
            return load(id, key); // the holder died or is slow: do not keep the caller waiting
        }
        return load(id, null);
    }

    /**
     * Loads from PostgreSQL and fills L1, and L2 unless {@code key} is null (Redis unavailable) or the row was
     * written while it loaded (a load that read the old row must not put it back after the write's invalidations).
     */
    private Lookup load(UUID id, String key) {
        String generation = key == null ? null : generation(key);
        Optional<Restaurant> row = loads.record(() -> restaurants.find(id));
        Restaurant restaurant = row.orElse(null);
        String text = restaurant == null ? null : json.writeValueAsString(restaurant);
        Entry entry = new Entry(restaurant, text);
        local.put(id, entry);
        if (key != null && generation != null) {
            String value = restaurant == null ? NULL_MARKER : text;
            Duration ttl = restaurant == null ? settings.nullTtl() : Jitter.around(settings.l2Ttl(), settings.jitter());
            fillUnlessWritten(key, value, ttl, generation);
        }
        return new Lookup(restaurant, text, entry.etag(), Level.MISS);
    }

    private Lookup fromRemote(UUID id, String key, String value) {
        Restaurant restaurant = null;
        if (!NULL_MARKER.equals(value)) {
            try {
                restaurant = json.readValue(value, Restaurant.class);
            } catch (JacksonException unreadable) { // e.g. written by an older version: load and overwrite
                log.warn("Unreadable cache entry {}, reloading it: {}", key, unreadable.getOriginalMessage());
                return load(id, key);
            }
        }
        Entry entry = new Entry(restaurant, restaurant == null ? null : value);
        local.put(id, entry);
        return answer(entry, Level.L2);
    }

    private Lookup answer(Entry entry, Level level) {
        if (entry.restaurant() == null) {
            nullHits.increment();
        }
        return new Lookup(entry.restaurant(), entry.json(), entry.etag(), level);
    }

    private RemoteRead readRemote(String key) {
        return guard.call(() -> new RemoteRead(true, redis.opsForValue().get(key)), () -> {
            failures.increment();
            return new RemoteRead(false, null);
        });
    }

    static String key(UUID id) {
        return "restaurant:v1:" + id;
    }

    private static Counter requests(MeterRegistry meters, String level, String result) {
        return Counter.builder("restaurant.cache.requests")
                .description("Restaurant cache lookups by level and result")
                .tag("level", level)
                .tag("result", result)
                .register(meters);
    }
}
