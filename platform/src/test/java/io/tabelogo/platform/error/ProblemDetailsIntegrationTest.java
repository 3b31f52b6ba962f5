package io.tabelogo.platform.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platform.PlatformIntegrationTest;
import io.tabelogo.platform.TestTokens;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.CapturedOutput;
import tools.jackson.databind.JsonNode;

class ProblemDetailsIntegrationTest extends PlatformIntegrationTest {

    @Test
    void invalidFieldsAreListedBySnakeCaseJsonName() {
        var response = post("/probe/echo", "application/json", "{\"display_name\":\" \",\"max_results\":50}");

        JsonNode problem = assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(problem.get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("display_name", "max_results");
    }

    @Test
    void validRequestPassesThroughInSnakeCase() {
        var response = post("/probe/echo", "application/json", "{\"display_name\":\"ramen\",\"max_results\":5}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("display_name").asString()).isEqualTo("ramen");
    }

    @Test
    void malformedJsonIsMalformedRequest() {
        assertProblem(post("/probe/echo", "application/json", "{\"display_name\": "), 400, "MALFORMED_REQUEST");
        assertProblem(post("/probe/echo", "application/json", "[1,2]"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void badPathVariableIsValidationFailed() {
        JsonNode problem = assertProblem(get("/probe/items/not-a-uuid"), 400, "VALIDATION_FAILED");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("id");
    }

    @Test
    void aPathTheHttpFirewallRefusesIsMalformedRequestWithItsTraceId() {
        // Refused before any controller, answered by an error dispatch outside the request's span.
        assertProblem(get("/probe/items/a%3Bb"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void aPathTomcatItselfRefusesIsProblemJsonNotTomcatsPage() {
        for (String path : new String[] {"/probe/%00", "/probe/items/a%2Fb", "/probe/items/a%00b"}) {
            var response = get(path);

            JsonNode problem = assertProblem(response, 400, "MALFORMED_REQUEST");
            assertThat(problem.get("request_id").asString()).isNotBlank();
            assertThat(response.body()).doesNotContain("<html", "Tomcat");
        }
    }

    @Test
    void aStreamThatFailsAfterItStartedIsCutShortNotAnError(CapturedOutput output) {
        var response = get("/probe/cut-stream");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("event: update");
        assertThat(output.getOut())
                .contains("cut short")
                .doesNotContain("No converter")
                .doesNotContain("Unexpected failure");
    }

    @Test
    void missingQueryParameterIsValidationFailed() {
        assertProblem(get("/probe/sleep"), 400, "VALIDATION_FAILED");
    }

    @Test
    void unknownRouteIsNotFound() {
        // Secure by default: only an authenticated caller learns that a route does not exist.
        JsonNode problem = assertProblem(
                get("/no/such/route", "Authorization", "Bearer " + TestTokens.valid("u1", "user")), 404, "NOT_FOUND");
        assertThat(problem.get("instance").asString()).isEqualTo("/no/such/route");
    }

    @Test
    void wrongMethodIsMethodNotAllowed() {
        assertProblem(get("/probe/echo"), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void unsupportedContentTypeIs415() {
        assertProblem(post("/probe/echo", "text/plain", "hello"), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void bodyOverTheLimitIs413WhetherDeclaredOrStreamed() {
        String big = "{\"display_name\":\"" + "x".repeat(1_100_000) + "\",\"max_results\":1}";
        var declared = post("/probe/echo", "application/json", big);
        assertProblem(declared, 413, "PAYLOAD_TOO_LARGE");
        assertThat(declared.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        // Chunked: no Content-Length, so the limit is enforced while the body is read.
        var chunked = request("/probe/echo")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())))
                .build();
        assertProblem(send(chunked), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void resourceErrorsKeepTheirOwnCode() {
        assertProblem(get("/probe/missing"), 404, "ITEM_NOT_FOUND");
    }

    @Test
    void unexpectedFailureIs500WithoutInternals(CapturedOutput output) {
        var response = get("/probe/boom");

        JsonNode problem = assertProblem(response, 500, "INTERNAL_ERROR");
        assertThat(response.body()).doesNotContain("hunter2", "IllegalStateException", "at io.tabelogo");
        assertThat(problem.get("detail").asString()).isEqualTo("An unexpected error occurred.");
        // ...but the operator gets the stack trace, tied to the same request id.
        assertThat(output.getOut())
                .contains("IllegalStateException")
                .contains(problem.get("request_id").asString());
    }

    @Test
    void absentResourceIsItsOwnNotFound() {
        assertProblem(get("/probe/items/" + UUID.randomUUID()), 404, "ITEM_NOT_FOUND");
    }
}
