package io.tabelogo.auth.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param lifetime a session's lifetime, and its refresh tokens'
 * @param rememberMeLifetime the same with {@code remember_me}
 * @param maxPerUser active sessions per user; a new login revokes the oldest beyond it
 * @param lockoutThreshold failed logins within {@code lockoutWindow} that lock an email
 * @param lockoutWindow how far back failures count, and how long a lock lasts
 * @param keepEnded how long an ended (revoked or expired) session and its refresh tokens are kept, for the session
 *     list and the denylist; then the retention clean-up deletes them (refresh tokens of a live session stay, so
 *     a replayed spent token still closes its session)
 * @param keepLoginFailures how long failed logins and ended locks are kept (longer than the lockout window)
 */
@ConfigurationProperties("tabelogo.auth.sessions")
public record SessionSettings(
        @DefaultValue("24h") Duration lifetime,
        @DefaultValue("30d") Duration rememberMeLifetime,
        @DefaultValue("5") int maxPerUser,
        @DefaultValue("5") int lockoutThreshold,
        @DefaultValue("15m") Duration lockoutWindow,
        @DefaultValue("30d") Duration keepEnded,
        @DefaultValue("1d") Duration keepLoginFailures) {}
