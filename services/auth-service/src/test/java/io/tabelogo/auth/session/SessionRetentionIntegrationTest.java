package io.tabelogo.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.auth.AuthServiceIntegrationTest;
import io.tabelogo.platform.jdbc.Retention;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The scheduled clean-up of the session tables, run at once on rows of every age in the real database. */
class SessionRetentionIntegrationTest extends AuthServiceIntegrationTest {

    @Autowired
    Retention retention;

    @Test
    void endedSessionsAndTheirTokensGoLiveOnesStayWithTheirSpentTokens() {
        Instant now = clock.instant();
        UUID user = user();
        UUID revokedLongAgo = session(user, now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(40)));
        UUID expiredLongAgo = session(user, now.minus(Duration.ofDays(60)), null);
        jdbc.sql("UPDATE sessions SET expires_at = ? WHERE id = ?")
                .params(Timestamp.from(now.minus(Duration.ofDays(31))), expiredLongAgo)
                .update();
        UUID revokedYesterday = session(user, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
        UUID live = session(user, now.minus(Duration.ofDays(29)), null); // remember-me: 30 days
        UUID spentLongAgo = token(revokedLongAgo, now.minus(Duration.ofDays(50)));
        token(expiredLongAgo, now.minus(Duration.ofDays(50)));
        UUID spentInLiveSession = token(live, now.minus(Duration.ofDays(28)));
        UUID spentYesterday = token(revokedYesterday, now.minus(Duration.ofDays(1)));
        double deletedBefore = metricSum("retention_deleted_rows_total", "rule=\"ended_sessions\"");

        retention.runOnce();

        assertThat(exists("sessions", revokedLongAgo)).isFalse();
        assertThat(exists("sessions", expiredLongAgo)).isFalse();
        assertThat(exists("refresh_tokens", spentLongAgo)).isFalse();
        assertThat(exists("sessions", revokedYesterday)).isTrue();
        assertThat(exists("refresh_tokens", spentYesterday)).isTrue();
        // A live session keeps its spent tokens: replaying one must still close the session.
        assertThat(exists("sessions", live)).isTrue();
        assertThat(exists("refresh_tokens", spentInLiveSession)).isTrue();
        assertThat(metricSum("retention_deleted_rows_total", "rule=\"ended_sessions\"") - deletedBefore)
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void failedLoginsAndEndedLocksOlderThanADayGo() {
        Instant now = clock.instant();
        String old = uniqueEmail("old");
        String recent = uniqueEmail("recent");
        jdbc.sql("INSERT INTO login_failures (email, failed_at) VALUES (?, ?), (?, ?)")
                .params(old, Timestamp.from(now.minus(Duration.ofDays(2))), recent, Timestamp.from(now))
                .update();
        jdbc.sql("INSERT INTO login_locks (email, locked_until) VALUES (?, ?), (?, ?)")
                .params(old, Timestamp.from(now.minus(Duration.ofDays(2))), recent, Timestamp.from(now))
                .update();

        retention.runOnce();

        assertThat(count("login_failures", old)).isZero();
        assertThat(count("login_locks", old)).isZero();
        assertThat(count("login_failures", recent)).isEqualTo(1);
        assertThat(count("login_locks", recent)).isEqualTo(1);
    }

    private UUID user() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO users (id, email, password_hash, username) VALUES (?, ?, 'x', 'keeper')")
                .params(id, uniqueEmail("retention"))
                .update();
        return id;
    }

    private UUID session(UUID user, Instant created, Instant revoked) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO sessions (id, user_id, created_at, last_active_at, expires_at, revoked_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        id,
                        user,
                        Timestamp.from(created),
                        Timestamp.from(created),
                        Timestamp.from(created.plus(Duration.ofDays(30))),
                        revoked == null ? null : Timestamp.from(revoked))
                .update();
        return id;
    }

    private UUID token(UUID session, Instant used) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO refresh_tokens (id, session_id, token_hash, created_at, expires_at, used_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        id,
                        session,
                        UUID.randomUUID().toString().getBytes(),
                        Timestamp.from(used.minus(Duration.ofHours(1))),
                        Timestamp.from(used.plus(Duration.ofDays(30))),
                        Timestamp.from(used))
                .update();
        return id;
    }

    private boolean exists(String table, UUID id) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE id = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private long count(String table, String email) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE email = ?")
                .param(email)
                .query(Long.class)
                .single();
    }
}
