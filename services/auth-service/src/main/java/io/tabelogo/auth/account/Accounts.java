package io.tabelogo.auth.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} table. */
@Repository
class Accounts {

    private static final String USER_COLUMNS = "id, email, username, role, email_verified, created_at";

    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a new account; empty when a live account already has the email (the unique index decides). */
    Optional<User> insert(String email, String passwordHash, String username) {
        return insert(email, passwordHash, username, "user");
    }

    /** As {@link #insert(String, String, String)}, with a role. */
    Optional<User> insert(String email, String passwordHash, String username, String role) {
        try {
            return Optional.of(jdbc.sql("INSERT INTO users (id, email, password_hash, username, role) "
                            + "VALUES (?, ?, ?, ?, ?) RETURNING " + USER_COLUMNS)
                    .params(UUID.randomUUID(), email, passwordHash, username, role)
                    .query(Accounts::user)
                    .single());
        } catch (DuplicateKeyException emailTaken) {
            return Optional.empty();
        }
    }

    /** Makes the live account of {@code email} an administrator; false when there is none or it already is one. */
    boolean promoteToAdministrator(String email) {
        return jdbc.sql("UPDATE users SET role = 'admin', updated_at = now() "
                                + "WHERE email = ? AND deleted_at IS NULL AND role <> 'admin'")
                        .param(email)
                        .update()
                > 0;
    }

    Optional<User> findLive(UUID id) {
        return jdbc.sql("SELECT " + USER_COLUMNS + " FROM users WHERE id = ? AND deleted_at IS NULL AND is_active")
                .param(id)
                .query(Accounts::user)
                .optional();
    }

    /** A live, active account with its password hash, for checking a login. */
    Optional<Credentials> findCredentials(String email) {
        return jdbc.sql("SELECT " + USER_COLUMNS + ", password_hash FROM users "
                        + "WHERE email = ? AND deleted_at IS NULL AND is_active")
                .param(email)
                .query((row, n) -> new Credentials(user(row, n), row.getString("password_hash")))
                .optional();
    }

    private static User user(ResultSet row, int rowNumber) throws SQLException {
        return new User(
                row.getObject("id", UUID.class),
                row.getString("email"),
                row.getString("username"),
                row.getString("role"),
                row.getBoolean("email_verified"),
                row.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
