package io.tabelogo.platform.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.redis.RedisGuard;
import io.tabelogo.platform.redis.SharedRedis;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses user tokens of ended sessions, in every service that verifies tokens (the gateway and the services behind
 * it, so a logged-out token works nowhere): auth-service lists each revoked session as
 * {@code auth:revoked-session:{sid}} in the shared Redis db 5 for one token lifetime. With Redis unreachable the
 * check is skipped — signature and expiry still hold, so a revoked token lives at most its remaining minutes — and
 * each skipped check is counted in {@code <prefix>_auth_degraded_total} (e.g. {@code gateway_auth_degraded_total}).
 * Service tokens have no session and are not looked up.
 */
public class RevokedSessions implements OAuth2TokenValidator<Jwt> {

    public static final String PREFIX = "auth:revoked-session:";

    private final StringRedisTemplate denylist;
    private final RedisGuard guard;
    private final Counter degraded;

    public RevokedSessions(SharedRedis shared, RedisGuard guard, MeterRegistry meters, String metricPrefix) {
        this.denylist = shared.template();
        this.guard = guard;
        this.degraded = Counter.builder(metricPrefix + ".auth.degraded")
                .description("Token checks made without the session denylist (Redis unavailable)")
                .register(meters);
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        if (TokenUse.isService(token)) {
            return OAuth2TokenValidatorResult.success();
        }
        String sid = token.getClaimAsString("sid");
        if (sid == null || sid.isBlank()) {
            return revoked("The token names no session");
        }
        Boolean listed = guard.call(() -> denylist.hasKey(PREFIX + sid), () -> null);
        if (listed == null) {
            degraded.increment();
            return OAuth2TokenValidatorResult.success();
        }
        return listed ? revoked("The session of this token has ended") : OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult revoked(String why) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(TokenRejection.SESSION_REVOKED, why, null));
    }
}
