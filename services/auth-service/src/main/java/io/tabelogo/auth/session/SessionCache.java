package io.tabelogo.auth.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tabelogo.platform.redis.RedisGuard;
import java.time.Duration;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Which sessions are open, so verifying a token does not query PostgreSQL on every request: in process for 5 s,
 * then in this service's Redis db 0 for 30 s (shared by replicas). A miss, or Redis being down, falls back to
 * PostgreSQL. A revocation clears both here at once; another replica may trust its in-process entry up to 5 s.
 */
@Component
class SessionCache {

    private static final String PREFIX = "auth:session-open:";
    /** Bounds how long a revocation could go unseen if deleting the entry failed. */
    private static final Duration TTL = Duration.ofSeconds(30);

    private static final Duration LOCAL_TTL = Duration.ofSeconds(5);

    private final Cache<UUID, Boolean> local = Caffeine.newBuilder()
            .expireAfterWrite(LOCAL_TTL)
            .maximumSize(100_000)
            .build();
    private final StringRedisTemplate redis;
    private final RedisGuard guard;

    SessionCache(StringRedisTemplate redis, RedisGuard guard) {
        this.redis = redis;
        this.guard = guard;
    }

    boolean knownOpen(UUID sessionId) {
        if (local.getIfPresent(sessionId) != null) {
            return true;
        }
        boolean open = guard.call(() -> redis.hasKey(PREFIX + sessionId), () -> false);
        if (open) {
            local.put(sessionId, true);
        }
        return open;
    }

    void rememberOpen(UUID sessionId) {
        local.put(sessionId, true);
        guard.run(() -> redis.opsForValue().set(PREFIX + sessionId, "1", TTL));
    }

    void forget(UUID sessionId) {
        local.invalidate(sessionId);
        guard.run(() -> redis.delete(PREFIX + sessionId));
    }
}
