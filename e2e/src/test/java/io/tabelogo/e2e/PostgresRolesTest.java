package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tabelogo.platformtest.TestDatabase;
import io.tabelogo.platformtest.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Compose deployment's per-service database roles ({@code deploy/compose/postgres/service-role.sql}), run on
 * the tests' real PostgreSQL under names of their own: each role runs its service's migrations in its own database
 * and cannot reach another service's, and is no superuser.
 */
class PostgresRolesTest {

    private static final Path SCRIPT = Path.of("..", "deploy", "compose", "postgres", "service-role.sql");
    private final List<String> created = new ArrayList<>();

    @AfterEach
    void dropWhatThisTestCreated() {
        for (String role : created) {
            TestPostgres.executeAsAdministrator("DROP DATABASE IF EXISTS " + role + " WITH (FORCE)");
            TestPostgres.executeAsAdministrator("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void eachServiceRoleMigratesItsOwnDatabaseAndReachesNoOther() throws Exception {
        String restaurant = createRole("restaurant");
        String spider = createRole("spider");

        for (String service : List.of("restaurant-service", "spider-service")) {
            String role = service.startsWith("restaurant") ? restaurant : spider;
            new TestDatabase(role, TestPostgres.urlOf(role), role, "pw-" + role)
                    .migrate("filesystem:../services/" + service + "/src/main/resources/db/migration");
        }

        try (var connection =
                        DriverManager.getConnection(TestPostgres.urlOf(restaurant), restaurant, "pw-" + restaurant);
                var query = connection
                        .createStatement()
                        .executeQuery(
                                "SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user")) {
            query.next();
            assertThat(List.of(query.getBoolean(1), query.getBoolean(2), query.getBoolean(3)))
                    .containsOnly(false);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(TestPostgres.urlOf(spider), restaurant, "pw-" + restaurant)
                        .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied");
    }

    /** What the init script does for one service, with psql's variable interpolation done here. */
    private String createRole(String service) throws IOException {
        String role =
                "tabelogo_t_" + service + "_" + UUID.randomUUID().toString().substring(0, 8);
        created.add(role);
        String sql = Files.readString(SCRIPT)
                .replace(":\"role\"", "\"" + role + "\"")
                .replace(":'password'", "'pw-" + role + "'");
        for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
            if (!statement.isBlank()) {
                TestPostgres.executeAsAdministrator(statement.strip());
            }
        }
        return role;
    }
}
