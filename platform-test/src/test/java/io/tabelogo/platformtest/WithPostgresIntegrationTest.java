package io.tabelogo.platformtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@WithPostgres(migrations = "classpath:db/testmigration")
class WithPostgresIntegrationTest {

    @Test
    void eachClassGetsAFreshMigratedDatabase(TestDatabase database) throws Exception {
        assertThat(database.name()).startsWith("tabelogo_test_");
        try (var connection = DriverManager.getConnection(database.url(), database.username(), database.password());
                var statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO notes (body) VALUES ('hello')");
            var rows = statement.executeQuery("SELECT count(*) FROM notes");
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void dropRemovesTheDatabaseAndRefusesForeignOnes() throws Exception {
        TestDatabase extra = TestPostgres.createDatabase();
        TestPostgres.drop(extra);

        assertThatThrownBy(() -> DriverManager.getConnection(extra.url(), extra.username(), extra.password())
                        .close())
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> TestPostgres.drop(new TestDatabase("postgres", "", "", "")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class InANestedClass {

        @Test
        void theEnclosingClassesDatabaseIsShared(TestDatabase database) throws Exception {
            try (var connection =
                            DriverManager.getConnection(database.url(), database.username(), database.password());
                    var rows = connection.createStatement().executeQuery("SELECT count(*) FROM notes")) {
                rows.next(); // the table exists: the enclosing class's migrated database, not a fresh one
                assertThat(rows.getInt(1)).isGreaterThanOrEqualTo(0);
            }
        }
    }
}
