package io.tabelogo.auth.session;

import io.tabelogo.platform.jdbc.RetentionRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * What the session tables keep: refresh tokens until their session ended {@code keepEnded} ago (while the session
 * lives, a spent token must stay to be recognised if replayed), ended sessions once their tokens are gone, and
 * failed logins and locks for {@code keepLoginFailures}.
 */
@Configuration(proxyBeanMethods = false)
class SessionRetention {

    @Bean
    @Order(1)
    RetentionRule endedSessionsRefreshTokens(SessionSettings settings) {
        return new RetentionRule(
                "refresh_tokens",
                "refresh_tokens",
                "expires_at < :cutoff OR EXISTS (SELECT 1 FROM sessions s WHERE s.id = refresh_tokens.session_id "
                        + "AND (s.revoked_at < :cutoff OR s.expires_at < :cutoff))",
                settings.keepEnded());
    }

    @Bean
    @Order(2) // after their refresh tokens, which reference them
    RetentionRule endedSessions(SessionSettings settings) {
        return new RetentionRule(
                "ended_sessions",
                "sessions",
                "(revoked_at < :cutoff OR expires_at < :cutoff) "
                        + "AND NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.session_id = sessions.id)",
                settings.keepEnded());
    }

    @Bean
    RetentionRule oldLoginFailures(SessionSettings settings) {
        return new RetentionRule(
                "login_failures", "login_failures", "failed_at < :cutoff", settings.keepLoginFailures());
    }

    @Bean
    RetentionRule endedLoginLocks(SessionSettings settings) {
        return new RetentionRule("login_locks", "login_locks", "locked_until < :cutoff", settings.keepLoginFailures());
    }
}
