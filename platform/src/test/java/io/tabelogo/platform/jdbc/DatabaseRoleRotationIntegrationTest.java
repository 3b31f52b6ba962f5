package io.tabelogo.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.tabelogo.platformtest.TestDatabase;
import io.tabelogo.platformtest.TestPostgres;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rotating a database password without downtime, as the deployments do it (Secrets Manager's alternating-users
 * rotation, docs/operations.md): the login alternates between {@code <role>} and {@code <role>_clone}, a member of
 * {@code <role>}, and {@code TABELOGO_DB_ROLE} makes every connection — the pool's and Flyway's — act as
 * {@code <role>}. Real PostgreSQL: an instance started with the old login keeps working, new connections included,
 * while one started with the rotated login migrates the schema, and every object stays owned by the one role; without
 * the setting the old login is locked out of what the new one made.
 */
class DatabaseRoleRotationIntegrationTest {

    private final String role = "tabelogo_rotation_" + HexFormat.of().formatHex(bytes(4));
    private final String clone = role + "_clone";
    private final Map<String, String> passwords = Map.of(role, password(), clone, password());
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private TestDatabase database;

    @BeforeEach
    void rolesAsTheDatabaseSetUpMakesThem() {
        database = TestPostgres.createDatabase();
        TestPostgres.executeAsAdministrator("CREATE ROLE " + role + " LOGIN PASSWORD '" + passwords.get(role) + "'");
        TestPostgres.executeAsAdministrator("CREATE ROLE " + clone + " LOGIN PASSWORD '" + passwords.get(clone) + "'");
        TestPostgres.executeAsAdministrator("GRANT " + role + " TO " + clone);
        TestPostgres.executeAsAdministrator("ALTER DATABASE " + database.name() + " OWNER TO " + role);
        // A server-wide limit, as a managed database's parameter group sets: migrations must not be bound by it.
        TestPostgres.executeAsAdministrator("ALTER DATABASE " + database.name() + " SET statement_timeout = '100ms'");
    }

    @AfterEach
    void dropWhatThisTestMade() {
        instances.forEach(ConfigurableApplicationContext::close);
        TestPostgres.drop(database);
        TestPostgres.executeAsAdministrator("DROP ROLE IF EXISTS " + clone);
        TestPostgres.executeAsAdministrator("DROP ROLE IF EXISTS " + role);
    }

    @Test
    void anInstanceOnTheRotatedLoginMigratesWhileOneOnTheOldLoginServesAndTheRoleOwnsEverything() {
        JdbcTemplate before = start(role, passwords.get(role), "first", true);
        before.update("INSERT INTO notes (id, body) VALUES (1, 'before the rotation')");

        // The rotation: a new password on the login not in use, which the secret then names.
        String rotated = password();
        TestPostgres.executeAsAdministrator("ALTER ROLE " + clone + " PASSWORD '" + rotated + "'");
        JdbcTemplate after = start(clone, rotated, "second", true);
        after.update("INSERT INTO notes (id, body, author) VALUES (2, 'after the rotation', 'clone')");
        after.update("INSERT INTO tags (note_id, tag) VALUES (1, 'old')");

        // The instance started before the rotation opens new connections with its login, still valid, and reads and
        // writes the new column and table.
        instances
                .getFirst()
                .getBean(HikariDataSource.class)
                .getHikariPoolMXBean()
                .softEvictConnections();
        assertThat(before.queryForObject("SELECT count(*) FROM notes", Integer.class))
                .isEqualTo(2);
        before.update("UPDATE notes SET author = 'old login' WHERE id = 1");
        assertThat(before.queryForObject("SELECT count(*) FROM tags", Integer.class))
                .isEqualTo(1);
        assertThat(after.queryForMap("SELECT session_user AS login, current_user AS acting"))
                .isEqualTo(Map.of("login", clone, "acting", role));
        assertThat(after.queryForList(
                        "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'", String.class))
                .containsExactly(role);
    }

    @Test
    void withoutTheRoleSettingAMigrationUnderTheCloneLocksTheOldLoginOutOfWhatItMade() {
        JdbcTemplate before = start(role, passwords.get(role), "first", false);
        start(clone, passwords.get(clone), "second", false);

        assertThatThrownBy(() -> before.queryForObject("SELECT count(*) FROM tags", Integer.class))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("permission denied for table tags");
    }

    private JdbcTemplate start(String login, String password, String release, boolean actAsTheRole) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.main.banner-mode=off",
                "--spring.application.name=rotation-test",
                "--spring.datasource.url=" + database.url(),
                "--TABELOGO_DB_USER=" + login,
                "--TABELOGO_DB_PASSWORD=" + password,
                "--spring.flyway.locations=classpath:db/rotation/" + release));
        if (actAsTheRole) {
            arguments.add("--TABELOGO_DB_ROLE=" + role);
        }
        var instance = new SpringApplicationBuilder(DatabaseOnly.class)
                .web(WebApplicationType.NONE)
                .run(arguments.toArray(String[]::new));
        instances.add(instance);
        return instance.getBean(JdbcTemplate.class);
    }

    private static String password() {
        return HexFormat.of().formatHex(bytes(16));
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({
        DataSourceAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class,
        FlywayAutoConfiguration.class
    })
    static class DatabaseOnly {}
}
