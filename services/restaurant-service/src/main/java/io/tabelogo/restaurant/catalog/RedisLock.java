package io.tabelogo.restaurant.catalog;

import io.tabelogo.platform.redis.RedisGuard;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * A lock shared by replicas: {@code SET key token NX PX ttl}, released only by its holder (compare and delete in
 * one script), expiring by itself if the holder dies. Through the Redis guard: with Redis down nobody gets it.
 */
@Component
class RedisLock {

    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""", Long.class);

    /** The outcome of a try: held (with the token that releases it), taken by another, or Redis unavailable. */
    record Attempt(String token, boolean redisAvailable) {

        boolean held() {
            return token != null;
        }
    }

    private final StringRedisTemplate redis;
    private final RedisGuard guard;

    RedisLock(StringRedisTemplate redis, RedisGuard guard) {
        this.redis = redis;
        this.guard = guard;
    }

    Attempt tryLock(String key, Duration ttl) {
        String token = UUID.randomUUID().toString();
        Boolean locked = guard.call(() -> redis.opsForValue().setIfAbsent(key, token, ttl), () -> null);
        if (locked == null) {
            return new Attempt(null, false);
        }
        return new Attempt(locked ? token : null, true);
    }

    void release(String key, Attempt attempt) {
        if (attempt.held()) {
            guard.run(() -> redis.execute(RELEASE, List.of(key), attempt.token()));
        }
    }
}
