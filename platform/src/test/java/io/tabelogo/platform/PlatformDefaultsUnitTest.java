package io.tabelogo.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platform.logging.LogstashLines;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** Pure logic: the defaults the platform derives from the environment. */
class PlatformDefaultsUnitTest {

    @Test
    void otlpBaseUrlBecomesTheTracesEndpoint() {
        var environment = new MockEnvironment().withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318/");

        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
                .isEqualTo("http://jaeger:4318/v1/traces");
    }

    @Test
    void noOtlpEndpointMeansNoExporter() {
        var environment = new MockEnvironment();

        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
                .isNull();
        assertThat(environment.getProperty("management.otlp.metrics.export.enabled"))
                .isEqualTo("false");
    }

    @Test
    void logsAreJsonUnlessTextIsAskedFor() {
        var json = new MockEnvironment();
        var text = new MockEnvironment().withProperty("TABELOGO_LOG_FORMAT", "text");

        new PlatformDefaults().postProcessEnvironment(json, new SpringApplication());
        new PlatformDefaults().postProcessEnvironment(text, new SpringApplication());

        assertThat(json.getProperty("logging.structured.format.console"))
                .isEqualTo(LogstashLines.class.getName()); // Spring Boot's logstash layout, in one pass
        assertThat(text.getProperty("logging.structured.format.console")).isNull();
    }

    @Test
    void applicationSettingsWinOverDefaults() {
        var environment = new MockEnvironment().withProperty("spring.datasource.hikari.maximum-pool-size", "7");

        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.hikari.maximum-pool-size"))
                .isEqualTo("7");
        assertThat(environment.getProperty("spring.datasource.hikari.minimum-idle"))
                .isEqualTo("5");
    }
}
