package io.tabelogo.restaurant.catalog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.redis.RedisGuard;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A Bloom filter of the live restaurant ids, kept as a bitmap in Redis so every replica shares it (the
 * penetration defence): "absent" is certain, so unknown ids are answered without PostgreSQL. Ids are added before a
 * create returns, so a row created on one replica passes the filter on all of them. When Redis is down, or the
 * filter has not been built yet (a new or flushed Redis), the answer is "unknown" and the database decides: a
 * filter missing ids is never trusted. A replica that cannot add an id (its Redis call failed while other replicas
 * may reach Redis) notes the id in PostgreSQL and answers its create only after {@link #MISS_CHECK} has passed;
 * every replica looks for such notes at most that often, and while there are any, "absent" is not trusted either.
 * The next rebuild clears them. Deleted ids stay in until the next rebuild (they cost a null-marker lookup).
 */
@Component
class RestaurantIdFilter {

    enum Answer {
        ABSENT,
        MAYBE_PRESENT,
        UNKNOWN
    }

    static final String KEY = "restaurant:v1:ids";
    private static final String BUILDING_KEY = KEY + ":building";
    private static final String REBUILD_LOCK = KEY + ":rebuild-lock";
    private static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(RestaurantIdFilter.class);

    /** 1 when every bit is set, 0 when one is not, -1 when there is no filter. */
    private static final RedisScript<Long> CONTAINS = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
            for i = 1, #ARGV do
              if redis.call('GETBIT', KEYS[1], ARGV[i]) == 0 then return 0 end
            end
            return 1""", Long.class);
    /** Sets the bits of an existing filter; never creates one (a filter holding a few ids would reject the rest). */
    private static final RedisScript<Long> ADD = RedisScript.of("""
            if ARGV[1] == 'existing' and redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            for i = 2, #ARGV do redis.call('SETBIT', KEYS[1], ARGV[i], 1) end
            return 1""", Long.class);

    private final StringRedisTemplate redis;
    private final RedisGuard guard;
    private final Restaurants restaurants;
    private final RedisLock locks;
    private final BloomPositions positions;
    private final Counter rejections;
    /** How stale a replica's knowledge of noted misses may be; a create that noted one waits this long. */
    static final Duration MISS_CHECK = Duration.ofSeconds(1);

    private volatile boolean missesNoted;
    private volatile long missesCheckedAt = System.nanoTime() - MISS_CHECK.toNanos() - 1;

    RestaurantIdFilter(
            StringRedisTemplate redis,
            RedisGuard guard,
            Restaurants restaurants,
            RedisLock locks,
            CacheSettings settings,
            MeterRegistry meters) {
        this.redis = redis;
        this.guard = guard;
        this.restaurants = restaurants;
        this.locks = locks;
        this.positions = BloomPositions.sizedFor(settings.filterCapacity(), settings.filterFalsePositiveRate());
        this.rejections = Counter.builder("restaurant.bloom.rejections")
                .description("Lookups of ids the Bloom filter knows do not exist (no database query)")
                .register(meters);
    }

    Answer check(UUID id) {
        Long answer = guard.call(() -> redis.execute(CONTAINS, List.of(KEY), offsets(id)), () -> null);
        if (answer == null || answer < 0) {
            return Answer.UNKNOWN;
        }
        if (answer == 0) {
            if (missesNoted()) {
                return Answer.UNKNOWN; // some replica could not add an id: the database decides
            }
            rejections.increment();
            return Answer.ABSENT;
        }
        return Answer.MAYBE_PRESENT;
    }

    void add(UUID id) {
        List<String> args = new ArrayList<>(List.of("existing"));
        args.addAll(List.of(offsets(id)));
        Long added = guard.call(() -> redis.execute(ADD, List.of(KEY), args.toArray()), () -> -1L);
        if (added == null || added < 0) {
            restaurants.noteFilterMiss(id);
            missesNoted = true;
            // Every replica has looked at the notes again by then, so none answers "absent" for this id.
            LockSupport.parkNanos(MISS_CHECK.plusMillis(50).toNanos());
        }
    }

    /** Whether some replica noted ids the filter may lack, as known at most {@link #MISS_CHECK} ago. */
    private boolean missesNoted() {
        long now = System.nanoTime();
        if (now - missesCheckedAt > MISS_CHECK.toNanos()) {
            synchronized (this) {
                if (now - missesCheckedAt > MISS_CHECK.toNanos()) {
                    try {
                        missesNoted = restaurants.filterMissesExist();
                    } catch (RuntimeException databaseDown) {
                        missesNoted = true;
                    }
                    missesCheckedAt = now; // when the look began: a note made after it is seen by the next one
                }
            }
        }
        return missesNoted;
    }

    @EventListener(ApplicationReadyEvent.class)
    void buildIfMissing() {
        Thread.ofVirtual().name("restaurant-id-filter-build").start(this::repairIfNeeded);
    }

    /** Builds the filter when it is missing or lost ids while Redis was down. */
    @Scheduled(fixedDelay = 30_000, initialDelay = 30_000)
    void repairIfNeeded() {
        Boolean exists = guard.call(() -> redis.hasKey(KEY), () -> null);
        if (exists != null && (!exists || missesNoted())) {
            rebuild();
        }
    }

    @Scheduled(
            fixedDelayString = "${tabelogo.restaurant.cache.filter-rebuild-interval:10m}",
            initialDelayString = "${tabelogo.restaurant.cache.filter-rebuild-interval:10m}")
    void scheduledRebuild() {
        rebuild();
    }

    /**
     * Rebuilds the filter from the table into a new key and swaps it in; rows created meanwhile are added to the
     * new filter before and after the swap. One replica at a time (a Redis lock); the others skip.
     */
    void rebuild() {
        RedisLock.Attempt lock = locks.tryLock(REBUILD_LOCK, Duration.ofMinutes(5));
        if (!lock.held()) {
            return;
        }
        long started = System.nanoTime();
        try {
            Instant since = restaurants.databaseNow().minusSeconds(5); // rows committed late with an earlier stamp
            redis.delete(BUILDING_KEY);
            redis.opsForValue().setBit(BUILDING_KEY, positions.bits() - 1, false); // the whole bitmap at once
            List<UUID> batch = new ArrayList<>(BATCH);
            long[] count = {0};
            restaurants.eachLiveId(id -> {
                batch.add(id);
                count[0]++;
                if (batch.size() == BATCH) {
                    addAll(BUILDING_KEY, batch);
                    batch.clear();
                }
            });
            addAll(BUILDING_KEY, batch);
            addAll(BUILDING_KEY, restaurants.idsCreatedSince(since));
            redis.rename(BUILDING_KEY, KEY);
            addAll(KEY, restaurants.idsCreatedSince(since));
            restaurants.forgetFilterMisses(since); // their ids are in the new filter
            missesCheckedAt = System.nanoTime() - MISS_CHECK.toNanos() - 1;
            log.info(
                    "Restaurant id filter rebuilt: {} ids, {} bits, {} hashes, {} ms",
                    count[0],
                    positions.bits(),
                    positions.hashes(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException failure) {
            log.warn("Restaurant id filter rebuild failed, retrying later: {}", failure.toString());
        } finally {
            locks.release(REBUILD_LOCK, lock);
        }
    }

    private void addAll(String key, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(List.of("any"));
        for (UUID id : ids) {
            args.addAll(List.of(offsets(id)));
        }
        redis.execute(ADD, List.of(key), args.toArray());
    }

    private String[] offsets(UUID id) {
        long[] bits = positions.of(id);
        String[] offsets = new String[bits.length];
        for (int i = 0; i < bits.length; i++) {
            offsets[i] = Long.toString(bits[i]);
        }
        return offsets;
    }
}
