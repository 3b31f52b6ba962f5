package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.tabelogo.e2e.OtlpReceiver.ExportedSpan;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One request traced through gateway → restaurant-service → map-service (gRPC): the spans each service exported
 * over OTLP/HTTP (decoded with {@code opentelemetry-proto}) form one tree under the caller's span, and the services'
 * JSON log lines name the same trace and the very spans, which is what lets Grafana jump from a log line to its trace.
 */
class TracesAndLogsEndToEndTest extends ThroughTheGateway {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final List<String> SERVICES =
            List.of("auth-service", "map-service", "restaurant-service", "spider-service", "gateway");

    @Test
    void aRequestIsOneTraceAcrossServicesAndItsLogLinesNameItsSpans() throws IOException {
        String placeId = aPlaceId();
        String traceId = UUID.randomUUID().toString().replace("-", "");

        HttpResponse<String> quick = get(
                "/api/v1/restaurants/quick-search/" + placeId,
                "traceparent",
                "00-" + traceId + "-" + CALLER_SPAN + "-01");
        assertThat(quick.statusCode()).as(quick.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(PLATFORM.traces.trace(traceId))
                        .as("spans of the trace")
                        .anySatisfy(span -> assertSpan(span, "gateway", SpanKind.SPAN_KIND_SERVER))
                        .anySatisfy(span -> assertSpan(span, "gateway", SpanKind.SPAN_KIND_CLIENT))
                        .anySatisfy(span -> assertSpan(span, "restaurant-service", SpanKind.SPAN_KIND_SERVER))
                        .anySatisfy(span -> assertSpan(span, "restaurant-service", SpanKind.SPAN_KIND_CLIENT))
                        .anySatisfy(span -> assertSpan(span, "map-service", SpanKind.SPAN_KIND_SERVER)));
        List<ExportedSpan> trace = PLATFORM.traces.trace(traceId);
        Set<String> spanIds = trace.stream().map(ExportedSpan::spanId).collect(Collectors.toSet());
        assertThat(trace)
                .as("every span hangs off the caller's span or another span of the trace: one tree")
                .allSatisfy(span -> assertThat(span.parentSpanId()).isIn(union(spanIds, CALLER_SPAN)));
        assertThat(trace)
                .filteredOn(span -> span.parentSpanId().equals(CALLER_SPAN))
                .as("the root, under the caller's span")
                .singleElement()
                .satisfies(root -> assertSpan(root, "gateway", SpanKind.SPAN_KIND_SERVER));
        assertThat(PLATFORM.traces.rejected())
                .as("OTLP bodies that did not decode")
                .isEmpty();

        // The access lines of the request carry its trace id and the span id of a span their service exported.
        for (String service : List.of("gateway", "restaurant-service")) {
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(logLines(service))
                            .filteredOn(
                                    line -> traceId.equals(line.path("trace_id").asString(null)))
                            .as(service + "'s log lines of the trace")
                            .isNotEmpty()
                            .allSatisfy(line -> assertThat(line.path("span_id").asString())
                                    .isIn(trace.stream()
                                            .filter(span -> span.service().equals(service))
                                            .map(ExportedSpan::spanId)
                                            .toList()))
                            .anySatisfy(line -> {
                                assertThat(line.path("logger_name").asString()).isEqualTo("tabelogo.access");
                                assertThat(line.path("status").asInt()).isEqualTo(200);
                            }));
        }
    }

    @Test
    void everyServicesStandardOutputIsJsonLinesWithTheFieldsLokiAndGrafanaUse() throws IOException {
        get("/api/v1/restaurants?q=ramen");
        for (String service : SERVICES) {
            List<String> lines = Files.readAllLines(PLATFORM.log(service));
            assertThat(lines).as(service + " logged").hasSizeGreaterThan(10);
            for (String line : lines) {
                JsonNode json = JSON.readTree(line);
                assertThat(json.isObject()).as(service + ": " + line).isTrue();
                assertThat(json.path("service").asString()).as(line).isEqualTo(service);
                assertThat(json.path("level").asString()).as(line).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
                assertThat(json.hasNonNull("@timestamp") && json.hasNonNull("message"))
                        .as(line)
                        .isTrue();
                if (json.has("trace_id")) {
                    assertThat(json.path("trace_id").asString()).as(line).matches("[0-9a-f]{32}");
                    assertThat(json.path("span_id").asString()).as(line).matches("[0-9a-f]{16}");
                }
            }
        }
    }

    private String aPlaceId() {
        HttpResponse<String> places = post("/api/v1/map/advance_search", "application/json", """
                {"text_query": "sushi", "location_bias": {"rectangle": {"low": {"latitude": 35.64, "longitude": 139.68},
                 "high": {"latitude": 35.68, "longitude": 139.72}}}, "max_result_count": 20}""");
        assertThat(places.statusCode()).as(places.body()).isEqualTo(200);
        // The last of twenty: not one another test has already made a restaurant (so map-service is called).
        JsonNode list = json(places).get("places");
        return list.get(list.size() - 1).get("id").asString();
    }

    private static List<JsonNode> logLines(String service) throws IOException {
        return Files.readAllLines(PLATFORM.log(service)).stream()
                .map(JSON::readTree)
                .toList();
    }

    private static void assertSpan(ExportedSpan span, String service, SpanKind kind) {
        assertThat(span.service()).isEqualTo(service);
        assertThat(span.kind()).isEqualTo(kind);
    }

    private static Set<String> union(Set<String> ids, String id) {
        return java.util.stream.Stream.concat(ids.stream(), java.util.stream.Stream.of(id))
                .collect(Collectors.toSet());
    }
}
