package io.tabelogo.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platform.PlatformIntegrationTest;
import io.tabelogo.platform.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.CapturedOutput;
import tools.jackson.databind.JsonNode;

class RequestIdAndLogsIntegrationTest extends PlatformIntegrationTest {

    @Test
    void wellFormedRequestIdIsEchoedAndLogged(CapturedOutput output) {
        var response = post(
                "/probe/echo",
                "application/json",
                "{\"display_name\":\"gyoza\",\"max_results\":1}",
                "X-Request-ID",
                "req-1234.abc");

        assertThat(response.headers().firstValue("X-Request-ID")).hasValue("req-1234.abc");
        JsonNode line = logLine(output, "echo for gyoza");
        assertThat(line.get("request_id").asString()).isEqualTo("req-1234.abc");
        assertThat(line.get("service").asString()).isEqualTo("platform-probe");
        assertThat(line.get("trace_id").asString()).matches("[0-9a-f]{32}");
        assertThat(line.get("span_id").asString()).matches("[0-9a-f]{16}");
        assertThat(line.get("level").asString()).isEqualTo("INFO");
    }

    @Test
    void incomingW3cTraceContextIsContinued() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        var response = get("/probe/missing", "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

        assertThat(json(response).get("trace_id").asString()).isEqualTo(traceId);
    }

    @Test
    void malformedRequestIdIsReplaced() {
        var response = get("/probe/missing", "X-Request-ID", "bad id\twith spaces and a very suspicious payload");

        String id = response.headers().firstValue("X-Request-ID").orElseThrow();
        assertThat(id).matches("[0-9a-f-]{36}");
    }

    @Test
    void everyRequestGetsOneAccessLogLineWithRouteTemplate(CapturedOutput output) {
        var response = get("/probe/missing", "X-Request-ID", "access-log-check");

        JsonNode access = logLines(output).stream()
                .filter(l -> "tabelogo.access".equals(text(l, "logger_name")))
                .filter(l -> "access-log-check".equals(text(l, "request_id")))
                .findFirst()
                .orElseThrow();
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(access.get("method").asString()).isEqualTo("GET");
        assertThat(access.get("route").asString()).isEqualTo("/probe/missing");
        assertThat(access.get("status").asInt()).isEqualTo(404);
        assertThat(access.get("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(access.get("client_ip").asString()).isEqualTo("127.0.0.1");
        assertThat(access.get("trace_id").asString()).matches("[0-9a-f]{32}");
    }

    @Test
    void streamedResponsesAreLoggedWhenTheyEnd(CapturedOutput output) throws Exception {
        var response = get("/probe/stream", "X-Request-ID", "stream-check");

        assertThat(response.body()).contains("event:done");
        Thread.sleep(200); // the access log is written when the container completes the async request
        JsonNode access = logLines(output).stream()
                .filter(l -> "tabelogo.access".equals(text(l, "logger_name")))
                .filter(l -> "stream-check".equals(text(l, "request_id")))
                .findFirst()
                .orElseThrow();
        assertThat(access.get("status").asInt()).isEqualTo(200);
        assertThat(access.get("duration_ms").asLong()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void authenticatedRequestsLogTheUserAndNeverTheToken(CapturedOutput output) {
        String token = TestTokens.valid("user-42", "user");
        get("/probe/me", "Authorization", "Bearer " + token, "X-Request-ID", "user-log-check");

        JsonNode line = logLine(output, "who am I");
        assertThat(line.get("user_id").asString()).isEqualTo("user-42");
        assertThat(output.getOut()).doesNotContain(token);
    }

    private static JsonNode logLine(CapturedOutput output, String message) {
        return logLines(output).stream()
                .filter(l -> message.equals(text(l, "message")))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no log line '" + message + "' in:\n" + output.getOut()));
    }

    static List<JsonNode> logLines(CapturedOutput output) {
        return output.getOut()
                .lines()
                .filter(l -> l.startsWith("{"))
                .map(JSON::readTree)
                .toList();
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asString() : null;
    }
}
