package io.tabelogo.spider.jobs;

import io.tabelogo.platform.redis.RedisGuard;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The SSE streams a user has open across every replica: {@code spider:streams:{user}}, a sorted set of stream ids
 * scored by when their lease ends (Redis' clock, which all replicas share). A stream takes a lease when it opens,
 * renews it while it lives and gives it back when it ends; a replica that died without giving its leases back
 * loses them when they run out. Behind the {@code redis} guard: with Redis unavailable each replica counts its own
 * streams instead, so the quota is per replica for that while rather than gone.
 */
@Component
class StreamLeases {

    static final String PREFIX = "spider:streams:";

    /** Takes a lease unless the user holds {@code ARGV[1]} live ones: 1 taken, 0 refused. */
    private static final RedisScript<Long> TAKE = RedisScript.of("""
            local time = redis.call('TIME')
            local now = time[1] * 1000 + math.floor(time[2] / 1000)
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """, Long.class);

    /** Moves a lease's end on, if the lease is still there. */
    private static final RedisScript<Long> RENEW = RedisScript.of("""
            local time = redis.call('TIME')
            local now = time[1] * 1000 + math.floor(time[2] / 1000)
            local renewed = redis.call('ZADD', KEYS[1], 'XX', 'CH', now + tonumber(ARGV[1]), ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return renewed
            """, Long.class);

    private final StringRedisTemplate redis;
    private final RedisGuard guard;
    private final Duration lease;

    StreamLeases(StringRedisTemplate redis, RedisGuard guard, JobSettings settings) {
        this.redis = redis;
        this.guard = guard;
        // Renewed on every heartbeat: a lease outlives a few missed renewals, not a dead replica by much.
        this.lease = settings.streamHeartbeat().multipliedBy(4);
    }

    /** How often a live stream renews its lease. */
    Duration renewEvery() {
        return lease.dividedBy(4);
    }

    /**
     * Takes a lease for stream {@code id} of {@code user} unless they hold {@code limit} already; when Redis cannot
     * say, {@code openHere} (the user's streams on this replica) decides.
     */
    boolean take(String user, UUID id, int limit, LongSupplier openHere) {
        Long taken = guard.call(
                () -> redis.execute(TAKE, List.of(PREFIX + user), Integer.toString(limit), millis(), id.toString()),
                () -> null);
        return taken == null ? openHere.getAsLong() < limit : taken == 1;
    }

    void renew(String user, UUID id) {
        guard.run(() -> redis.execute(RENEW, List.of(PREFIX + user), millis(), id.toString()));
    }

    void giveBack(String user, UUID id) {
        guard.run(() -> redis.opsForZSet().remove(PREFIX + user, id.toString()));
    }

    private String millis() {
        return Long.toString(lease.toMillis());
    }
}
