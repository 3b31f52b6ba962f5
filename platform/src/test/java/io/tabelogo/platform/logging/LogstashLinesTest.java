package io.tabelogo.platform.logging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/** The platform's log line is Spring Boot's logstash line, byte for byte, for every kind of event a service logs. */
class LogstashLinesTest {

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("tabelogo.access");

    LogstashLinesTest() {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @Test
    void everyEventIsWrittenAsSpringBootsLogstashFormatWritesIt() {
        // The platform's own customisations (tabelogo-defaults.properties) included.
        MockEnvironment environment = new MockEnvironment()
                .withProperty("logging.structured.json.rename.traceId", "trace_id")
                .withProperty("logging.structured.json.rename.spanId", "span_id")
                .withProperty("logging.structured.json.add.service", "restaurant-service");
        StructuredLogEncoder springBoot = encoder("logstash", environment);
        StructuredLogEncoder ours = encoder(LogstashLines.class.getName(), environment);

        for (LoggingEvent event : events()) {
            String expected = new String(springBoot.encode(event), UTF_8);
            assertThat(new String(ours.encode(event), UTF_8)).isEqualTo(expected);
        }
    }

    @Test
    void aLineIsOneJsonObjectWithTheRenamedTraceFields() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("logging.structured.json.rename.traceId", "trace_id")
                .withProperty("logging.structured.json.add.service", "gateway");
        LoggingEvent event = event(Level.INFO, "GET /api/v1/restaurants/{id} 200 1ms", null);
        event.setMDCPropertyMap(Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736"));

        String line =
                new String(encoder(LogstashLines.class.getName(), environment).encode(event), UTF_8);

        assertThat(line)
                .startsWith("{\"@timestamp\":\"")
                .contains("\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"", "\"service\":\"gateway\"")
                .doesNotContain("traceId")
                .endsWith("}\n");
    }

    private List<LoggingEvent> events() {
        LoggingEvent plain = event(Level.INFO, "Started in 3.2 seconds", null);
        LoggingEvent access = event(Level.INFO, "GET /api/v1/restaurants/{id} 200 1ms", null);
        access.setMDCPropertyMap(Map.of(
                "traceId", "4bf92f3577b34da6a3ce929d0e0e4736",
                "spanId", "00f067aa0ba902b7",
                "request_id", "r-1"));
        access.addKeyValuePair(new KeyValuePair("method", "GET"));
        access.addKeyValuePair(new KeyValuePair("status", 200));
        access.addKeyValuePair(new KeyValuePair("duration_ms", 1L));
        access.addKeyValuePair(new KeyValuePair("client_ip", "0:0:0:0:0:0:0:1"));
        LoggingEvent awkward = event(Level.WARN, "Quotes \" back\\slash\nnew line\ttab 一蘭 \u2028 \u0001 😀", null);
        awkward.addKeyValuePair(new KeyValuePair("nothing", null));
        awkward.addKeyValuePair(new KeyValuePair("flag", true));
        LoggingEvent tagged = event(Level.DEBUG, "tagged", null);
        var parent = MarkerFactory.getDetachedMarker("security");
        parent.add(MarkerFactory.getDetachedMarker("audit"));
        tagged.addMarker(parent);
        LoggingEvent failed = event(Level.ERROR, "Unexpected failure", new IllegalStateException("broken \"state\""));
        return List.of(plain, access, awkward, tagged, failed);
    }

    private LoggingEvent event(Level level, String message, Throwable failure) {
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, level, message, failure, null);
        event.setInstant(Instant.parse("2026-12-05T02:40:00.123456789Z"));
        event.setThreadName("tomcat-handler-7");
        return event;
    }

    private StructuredLogEncoder encoder(String format, Environment environment) {
        context.putObject(Environment.class.getName(), environment);
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.setCharset(UTF_8);
        encoder.start();
        return encoder;
    }
}
