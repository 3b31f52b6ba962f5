package io.tabelogo.auth.session;

import io.tabelogo.auth.token.TokenSettings;
import io.tabelogo.platform.redis.RedisGuard;
import io.tabelogo.platform.redis.SharedRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Ending sessions everywhere they are trusted: PostgreSQL (the truth), the session cache (Redis db 0), and the
 * denylist the gateway reads ({@code auth:revoked-session:{sid}} in the shared Redis db 5, kept one access-token
 * lifetime). Redis being down changes nothing functional: the denylist is rewritten from PostgreSQL every 30 s,
 * so a revocation made during an outage reaches the gateway soon after Redis returns.
 */
@Service
class SessionRevocation {

    static final String DENYLIST_PREFIX = "auth:revoked-session:";

    private final Sessions sessions;
    private final SessionCache cache;
    private final StringRedisTemplate denylist;
    private final RedisGuard redis;
    private final TokenSettings tokens;
    private final Clock clock;

    SessionRevocation(
            Sessions sessions,
            SessionCache cache,
            SharedRedis shared,
            RedisGuard redis,
            TokenSettings tokens,
            Clock clock) {
        this.sessions = sessions;
        this.cache = cache;
        this.denylist = shared.template();
        this.redis = redis;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Revokes the sessions; Redis hears of it once the surrounding transaction (if any) has committed. */
    void revoke(List<UUID> sessionIds, Instant now) {
        if (sessionIds.isEmpty()) {
            return;
        }
        sessions.revoke(sessionIds, now);
        List<UUID> revoked = List.copyOf(sessionIds);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    publish(revoked, now);
                }
            });
        } else {
            publish(revoked, now);
        }
    }

    /** Rewrites the denylist entries of every session revoked within one access-token lifetime. */
    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT10S")
    void republishRecent() {
        Instant now = clock.instant();
        sessions.revokedSince(now.minus(tokens.accessTokenTtl()))
                .forEach((sessionId, revokedAt) -> deny(sessionId, revokedAt, now));
    }

    private void publish(List<UUID> sessionIds, Instant revokedAt) {
        Instant now = clock.instant();
        for (UUID id : sessionIds) {
            deny(id, revokedAt, now);
            cache.rememberEnded(id);
        }
    }

    private void deny(UUID sessionId, Instant revokedAt, Instant now) {
        // Tokens of the session die at the latest one lifetime after it was revoked: no need to remember longer.
        Duration remaining = Duration.between(now, revokedAt.plus(tokens.accessTokenTtl()));
        if (!remaining.isNegative() && !remaining.isZero()) {
            redis.run(() -> denylist.opsForValue()
                    .set(DENYLIST_PREFIX + sessionId, Long.toString(revokedAt.getEpochSecond()), remaining));
        }
    }
}
