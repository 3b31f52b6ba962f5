package io.tabelogo.platformtest;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server tests create their databases on: the one at {@code TABELOGO_TEST_PG_URL} (default the
 * local server, user {@code postgres}), or, when that is absent or refuses the login, one embedded server per JVM.
 */
public final class TestPostgres {

    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private static volatile Server server;

    private TestPostgres() {}

    /** Where databases go; user and password travel with the admin URL. */
    record Server(String adminUrl, String username, String password, String description) {}

    /** Creates a database with a unique name; the caller drops it with {@link #drop(TestDatabase)}. */
    public static TestDatabase createDatabase() {
        Server s = server();
        String name =
                "tabelogo_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(s, "CREATE DATABASE " + name);
        String url = s.adminUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        return new TestDatabase(name, url, s.username(), s.password());
    }

    /**
     * Runs a statement as the server's administrator, for tests of what deployment scripts set up (roles, grants);
     * such a test drops only the roles and databases it created.
     */
    public static void executeAsAdministrator(String sql) {
        execute(server(), sql);
    }

    /** The URL of database {@code name} on the tests' server. */
    public static String urlOf(String name) {
        return server().adminUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    /** Drops a database this class created, closing any connection still open to it. */
    public static void drop(TestDatabase database) {
        if (!database.name().startsWith("tabelogo_test_")) {
            throw new IllegalArgumentException("refusing to drop a database tests did not create: " + database.name());
        }
        execute(server(), "DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
    }

    private static Server server() {
        Server s = server;
        if (s == null) {
            synchronized (TestPostgres.class) {
                if (server == null) {
                    server = resolve();
                    log.info("Test databases go to {}", server.description());
                }
                s = server;
            }
        }
        return s;
    }

    private static Server resolve() {
        return resolve(
                env("TABELOGO_TEST_PG_URL", DEFAULT_URL),
                env("TABELOGO_TEST_PG_USER", "postgres"),
                env("TABELOGO_TEST_PG_PASSWORD", ""));
    }

    static Server resolve(String url, String user, String password) {
        Server configured = new Server(withTimeouts(url), user, password, "PostgreSQL at " + url);
        try (Connection ignored = connect(configured)) {
            return configured;
        } catch (SQLException e) {
            log.warn("PostgreSQL at {} unusable ({}); starting an embedded server", url, e.getMessage());
            return startEmbedded();
        }
    }

    private static Server startEmbedded() {
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(embedded)));
            String url = embedded.getJdbcUrl("postgres", "postgres");
            return new Server(url, "postgres", "", "embedded PostgreSQL on port " + embedded.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    private static void execute(Server s, String sql) {
        try (Connection c = connect(s);
                var statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + s.description() + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Server s) throws SQLException {
        return DriverManager.getConnection(s.adminUrl(), s.username(), s.password());
    }

    private static String withTimeouts(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.contains("connecttimeout=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "connectTimeout=2&loginTimeout=3";
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void closeQuietly(EmbeddedPostgres embedded) {
        try {
            embedded.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
