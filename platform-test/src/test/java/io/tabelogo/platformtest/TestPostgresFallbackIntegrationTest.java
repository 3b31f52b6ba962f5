package io.tabelogo.platformtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

class TestPostgresFallbackIntegrationTest {

    @Test
    void unreachableServerFallsBackToAnEmbeddedOne() throws Exception {
        int nobodyListens = FreePorts.next();

        TestPostgres.Server server =
                TestPostgres.resolve("jdbc:postgresql://127.0.0.1:" + nobodyListens + "/postgres", "postgres", "");

        assertThat(server.description()).startsWith("embedded PostgreSQL");
        try (var connection = DriverManager.getConnection(server.adminUrl(), server.username(), server.password());
                var rows = connection.createStatement().executeQuery("SHOW server_version")) {
            rows.next();
            assertThat(rows.getString(1)).startsWith("17.");
        }
    }
}
