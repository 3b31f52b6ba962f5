package io.tabelogo.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platform.PlatformIntegrationTest;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** CORS switched on by its allow-list (as only the gateway does): a second application context. */
@TestPropertySource(properties = "tabelogo.security.cors-allowed-origins=https://app.tabelogo.test")
class CorsIntegrationTest extends PlatformIntegrationTest {

    @Test
    void allowedOriginGetsPreflightWithCredentials() {
        var response = preflight("https://app.tabelogo.test");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.tabelogo.test");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials"))
                .hasValue("true");
    }

    @Test
    void otherOriginsAreRefused() {
        var response = preflight("https://evil.example");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void browserMayReadTheDiagnosticHeaders() {
        var response = get("/probe/missing", "Origin", "https://app.tabelogo.test");

        assertThat(response.headers().firstValue("Access-Control-Expose-Headers"))
                .hasValueSatisfying(
                        exposed -> assertThat(exposed).contains("X-Request-ID", "RateLimit-Remaining", "X-Data-Stale"));
    }

    private java.net.http.HttpResponse<String> preflight(String origin) {
        return send(request("/probe/echo", "Origin", origin)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,authorization")
                .build());
    }
}
