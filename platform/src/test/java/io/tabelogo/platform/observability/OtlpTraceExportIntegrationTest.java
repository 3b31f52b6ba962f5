package io.tabelogo.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tabelogo.platform.PlatformIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Spans really leave the service over OTLP/HTTP when an endpoint is configured: a local HTTP server plays the
 * collector. (How the endpoint is derived from OTEL_EXPORTER_OTLP_ENDPOINT is PlatformDefaultsUnitTest's job.)
 */
class OtlpTraceExportIntegrationTest extends PlatformIntegrationTest {

    private static final List<String> received = new CopyOnWriteArrayList<>();
    private static final String COLLECTOR = startCollector();

    @DynamicPropertySource
    static void collector(DynamicPropertyRegistry registry) {
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint", () -> COLLECTOR + "/v1/traces");
    }

    @Test
    void requestSpansAreExportedWithTheServiceName() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        get("/probe/missing", "traceparent", "00-" + traceId + "-b7ad6b7169203331-01");

        // OTLP protobuf carries the trace id as 16 raw bytes.
        String rawTraceId = new String(HexFormat.of().parseHex(traceId), StandardCharsets.ISO_8859_1);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(received)
                        .anySatisfy(body ->
                                assertThat(body).contains("platform-probe").contains(rawTraceId)));
    }

    private static String startCollector() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/traces", exchange -> {
                received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return "http://127.0.0.1:" + server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
