package io.tabelogo.auth.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tabelogo.platform.redis.RedisGuard;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Which sessions are open or ended, so verifying a token does not query PostgreSQL on every request: in process
 * for 5 s, then in this service's Redis db 0 for 30 s (shared by replicas). A miss, or Redis being down, falls back
 * to PostgreSQL. An ended session is written as a tombstone, never deleted, and "open" is only ever added where
 * nothing is: a check that read "open" from PostgreSQL just before a revocation cannot bring the session back.
 */
@Component
class SessionCache {

    private static final String PREFIX = "auth:session-open:";
    private static final String OPEN = "1";
    private static final String ENDED = "0";
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

    /** True: open; false: ended; empty: not known here, ask PostgreSQL. */
    Optional<Boolean> known(UUID sessionId) {
        Boolean here = local.getIfPresent(sessionId);
        if (here != null) {
            return Optional.of(here);
        }
        String shared = guard.call(() -> redis.opsForValue().get(PREFIX + sessionId), () -> null);
        if (shared == null) {
            return Optional.empty();
        }
        boolean open = OPEN.equals(shared);
        local.asMap().putIfAbsent(sessionId, open);
        return Optional.of(open);
    }

    void rememberOpen(UUID sessionId) {
        local.asMap().putIfAbsent(sessionId, true);
        guard.run(() -> redis.opsForValue().setIfAbsent(PREFIX + sessionId, OPEN, TTL));
    }

    void rememberEnded(UUID sessionId) {
        local.put(sessionId, false);
        guard.run(() -> redis.opsForValue().set(PREFIX + sessionId, ENDED, TTL));
    }
}
