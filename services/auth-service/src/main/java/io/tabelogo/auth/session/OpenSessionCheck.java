package io.tabelogo.auth.session;

import io.tabelogo.auth.token.OwnTokenVerification.SessionCheck;
import io.tabelogo.platform.security.TokenRejection;
import io.tabelogo.platform.security.TokenUse;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/** A token whose session was logged out, capped away or caught reusing a refresh token is refused (401). */
@Component
class OpenSessionCheck implements SessionCheck {

    private final Sessions sessions;
    private final SessionCache cache;
    private final Clock clock;

    OpenSessionCheck(Sessions sessions, SessionCache cache, Clock clock) {
        this.sessions = sessions;
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        if (TokenUse.isService(token)) {
            return OAuth2TokenValidatorResult.success(); // a service's token has no session
        }
        String sid = token.getClaimAsString("sid");
        if (sid != null && isUuid(sid) && isOpen(UUID.fromString(sid))) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(
                new OAuth2Error(TokenRejection.SESSION_REVOKED, "The session of this token has ended", null));
    }

    private boolean isOpen(UUID sessionId) {
        Optional<Boolean> known = cache.known(sessionId);
        if (known.isPresent()) {
            return known.get();
        }
        boolean open = sessions.isOpen(sessionId, clock.instant());
        if (open) {
            cache.rememberOpen(sessionId);
        }
        return open;
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
