package io.tabelogo.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordMaskingUnitTest {

    @Test
    void postgresEndpointDoesNotPrintItsPassword() {
        var endpoint = new PostgresEndpoint("127.0.0.1", 5432, "tabelogo", "s3cret-pw", false);

        assertThat(endpoint.toString())
                .doesNotContain("s3cret-pw")
                .isEqualTo("PostgresEndpoint[host=127.0.0.1, port=5432, user=tabelogo, password=****, embedded=false]");
    }

    @Test
    void settingsDoNotPrintThePassword() {
        var settings = Settings.fromEnvironment(Map.of("TABELOGO_PG_PASSWORD", "s3cret-pw"));

        assertThat(settings.toString()).doesNotContain("s3cret-pw").contains("postgresPassword=****");
    }

    @Test
    void anEmptyPasswordShowsAsEmpty() {
        assertThat(new PostgresEndpoint("127.0.0.1", 15432, "postgres", "", true).toString())
                .contains("password=,");
    }
}
