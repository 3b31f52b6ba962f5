package io.tabelogo.auth.session;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code login_failures} and {@code login_locks} tables: in PostgreSQL, so a lockout holds across replicas
 * and with Redis down. Callers hold the email's advisory lock (see {@link #lockEmail}) while reading and writing.
 */
@Repository
class LoginFailures {

    private final JdbcClient jdbc;

    LoginFailures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises the attempts on one email until the transaction ends. */
    void lockEmail(String email) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))")
                .param(email)
                .query()
                .singleRow();
    }

    Optional<Instant> lockedUntil(String email, Instant now) {
        return jdbc.sql("SELECT locked_until FROM login_locks WHERE email = ? AND locked_until > ?")
                .params(email, Timestamp.from(now))
                .query((row, n) -> row.getTimestamp("locked_until").toInstant())
                .optional();
    }

    int countSince(String email, Instant since) {
        return jdbc.sql("SELECT count(*) FROM login_failures WHERE email = ? AND failed_at > ?")
                .params(email, Timestamp.from(since))
                .query(Integer.class)
                .single();
    }

    void record(String email, Instant at) {
        jdbc.sql("INSERT INTO login_failures (email, failed_at) VALUES (?, ?)")
                .params(email, Timestamp.from(at))
                .update();
    }

    void lock(String email, Instant until) {
        jdbc.sql("INSERT INTO login_locks (email, locked_until) VALUES (?, ?) "
                        + "ON CONFLICT (email) DO UPDATE SET locked_until = EXCLUDED.locked_until")
                .params(email, Timestamp.from(until))
                .update();
    }

    /** After a successful login: the slate is clean. */
    void clear(String email) {
        jdbc.sql("DELETE FROM login_failures WHERE email = ?").param(email).update();
        jdbc.sql("DELETE FROM login_locks WHERE email = ?").param(email).update();
    }
}
