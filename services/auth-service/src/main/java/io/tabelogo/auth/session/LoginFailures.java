package io.tabelogo.auth.session;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code login_failures} table: in PostgreSQL, so a lockout holds across replicas and with Redis down. */
@Repository
class LoginFailures {

    private final JdbcClient jdbc;

    LoginFailures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** When each failure for {@code email} since {@code since} happened, oldest first. */
    List<Instant> since(String email, Instant since) {
        return jdbc.sql("SELECT failed_at FROM login_failures WHERE email = ? AND failed_at > ? ORDER BY failed_at")
                .params(email, Timestamp.from(since))
                .query((row, n) -> row.getTimestamp("failed_at").toInstant())
                .list();
    }

    void record(String email, Instant at) {
        jdbc.sql("INSERT INTO login_failures (email, failed_at) VALUES (?, ?)")
                .params(email, Timestamp.from(at))
                .update();
    }

    void clear(String email) {
        jdbc.sql("DELETE FROM login_failures WHERE email = ?").param(email).update();
    }
}
