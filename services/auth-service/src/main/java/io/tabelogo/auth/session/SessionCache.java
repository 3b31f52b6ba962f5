package io.tabelogo.auth.session;

import io.tabelogo.platform.redis.RedisGuard;
import java.time.Duration;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Which sessions are open, cached in this service's Redis db 0 for a short while, so verifying a token does not
 * query PostgreSQL on every request. A miss, or Redis being down, falls back to PostgreSQL.
 */
@Component
class SessionCache {

    private static final String PREFIX = "auth:session-open:";
    /** Bounds how long a revocation could go unseen if deleting the entry failed. */
    private static final Duration TTL = Duration.ofSeconds(30);

    private final StringRedisTemplate redis;
    private final RedisGuard guard;

    SessionCache(StringRedisTemplate redis, RedisGuard guard) {
        this.redis = redis;
        this.guard = guard;
    }

    boolean knownOpen(UUID sessionId) {
        return guard.call(() -> redis.hasKey(PREFIX + sessionId), () -> false);
    }

    void rememberOpen(UUID sessionId) {
        guard.run(() -> redis.opsForValue().set(PREFIX + sessionId, "1", TTL));
    }

    void forget(UUID sessionId) {
        guard.run(() -> redis.delete(PREFIX + sessionId));
    }
}
