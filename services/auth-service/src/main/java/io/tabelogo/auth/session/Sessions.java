package io.tabelogo.auth.session;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code sessions} and {@code refresh_tokens} tables. */
@Repository
class Sessions {

    private final JdbcClient jdbc;

    Sessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises logins of one user, so two at once cannot both slip under the session cap. */
    void lockUser(UUID userId) {
        jdbc.sql("SELECT id FROM users WHERE id = ? FOR UPDATE")
                .param(userId)
                .query()
                .singleRow();
    }

    void create(UUID id, UUID userId, String deviceInfo, String ipAddress, Instant now, Instant expiresAt) {
        jdbc.sql("INSERT INTO sessions (id, user_id, device_info, ip_address, created_at, last_active_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        id,
                        userId,
                        deviceInfo,
                        ipAddress,
                        Timestamp.from(now),
                        Timestamp.from(now),
                        Timestamp.from(expiresAt))
                .update();
    }

    /** The user's active sessions, oldest first. */
    List<UUID> activeOldestFirst(UUID userId, Instant now) {
        return jdbc.sql("SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? "
                        + "ORDER BY created_at, id")
                .params(userId, Timestamp.from(now))
                .query(UUID.class)
                .list();
    }

    /** Revokes the sessions and their refresh tokens. */
    void revoke(List<UUID> sessionIds, Instant now) {
        for (UUID id : sessionIds) {
            jdbc.sql("UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                    .params(Timestamp.from(now), id)
                    .update();
            jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE session_id = ? AND revoked_at IS NULL")
                    .params(Timestamp.from(now), id)
                    .update();
        }
    }

    void addRefreshToken(UUID sessionId, byte[] tokenHash, Instant now, Instant expiresAt) {
        jdbc.sql(
                        "INSERT INTO refresh_tokens (id, session_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), sessionId, tokenHash, Timestamp.from(now), Timestamp.from(expiresAt))
                .update();
    }

    boolean isOpen(UUID sessionId, Instant now) {
        return jdbc.sql("SELECT count(*) FROM sessions WHERE id = ? AND revoked_at IS NULL AND expires_at > ?")
                        .params(sessionId, Timestamp.from(now))
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * A refresh token with its session, row-locked so two refreshes with one token run one after the other. The
     * session row is locked first, then the token, the order revocation uses too: opposite orders deadlock.
     */
    Optional<StoredRefreshToken> lockRefreshToken(byte[] tokenHash) {
        Optional<UUID> sessionId = jdbc.sql("SELECT session_id FROM refresh_tokens WHERE token_hash = ?")
                .param(tokenHash)
                .query(UUID.class)
                .optional();
        if (sessionId.isEmpty()) {
            return Optional.empty();
        }
        jdbc.sql("SELECT id FROM sessions WHERE id = ? FOR UPDATE")
                .param(sessionId.get())
                .query()
                .singleRow();
        return jdbc.sql("SELECT t.id, t.session_id, t.expires_at, t.used_at, t.revoked_at, s.user_id, "
                        + "s.expires_at AS session_expires_at, s.revoked_at AS session_revoked_at "
                        + "FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id "
                        + "WHERE t.token_hash = ? FOR UPDATE OF t")
                .param(tokenHash)
                .query((row, n) -> new StoredRefreshToken(
                        row.getObject("id", UUID.class),
                        row.getObject("session_id", UUID.class),
                        row.getObject("user_id", UUID.class),
                        row.getTimestamp("expires_at").toInstant(),
                        row.getTimestamp("used_at") != null || row.getTimestamp("revoked_at") != null,
                        row.getTimestamp("session_revoked_at") == null
                                ? row.getTimestamp("session_expires_at").toInstant()
                                : Instant.MIN))
                .optional();
    }

    /** @param sessionOpenUntil when the session ends ({@link Instant#MIN} when it was revoked) */
    record StoredRefreshToken(
            UUID id, UUID sessionId, UUID userId, Instant expiresAt, boolean spent, Instant sessionOpenUntil) {}

    void markUsed(UUID refreshTokenId, Instant now) {
        jdbc.sql("UPDATE refresh_tokens SET used_at = ? WHERE id = ?")
                .params(Timestamp.from(now), refreshTokenId)
                .update();
    }

    void touch(UUID sessionId, Instant now) {
        jdbc.sql("UPDATE sessions SET last_active_at = ? WHERE id = ?")
                .params(Timestamp.from(now), sessionId)
                .update();
    }

    /** The user's open sessions, newest first. */
    List<SessionView> openSessions(UUID userId, Instant now) {
        return jdbc.sql("SELECT id, device_info, ip_address, created_at, last_active_at, expires_at FROM sessions "
                        + "WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC, id")
                .params(userId, Timestamp.from(now))
                .query((row, n) -> new SessionView(
                        row.getObject("id", UUID.class),
                        row.getString("device_info"),
                        row.getString("ip_address"),
                        row.getTimestamp("created_at").toInstant(),
                        row.getTimestamp("last_active_at").toInstant(),
                        row.getTimestamp("expires_at").toInstant()))
                .list();
    }

    /** Sessions revoked after {@code since}, with when. */
    Map<UUID, Instant> revokedSince(Instant since) {
        Map<UUID, Instant> revoked = new LinkedHashMap<>();
        jdbc.sql("SELECT id, revoked_at FROM sessions WHERE revoked_at > ?")
                .param(Timestamp.from(since))
                .query(row -> {
                    revoked.put(
                            row.getObject("id", UUID.class),
                            row.getTimestamp("revoked_at").toInstant());
                });
        return revoked;
    }

    long countActive(Instant now) {
        return jdbc.sql("SELECT count(*) FROM sessions WHERE revoked_at IS NULL AND expires_at > ?")
                .param(Timestamp.from(now))
                .query(Long.class)
                .single();
    }
}
