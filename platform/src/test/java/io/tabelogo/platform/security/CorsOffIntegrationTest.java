package io.tabelogo.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platform.PlatformIntegrationTest;
import io.tabelogo.platform.TestTokens;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** A service without CORS (every one but the gateway): preflights are refused as CORS, never as a missing token. */
class CorsOffIntegrationTest extends PlatformIntegrationTest {

    @Test
    void aPreflightOfAProtectedRouteIsACorsRefusalNotA401() {
        var response = send(request("/probe/me", "Origin", "https://elsewhere.example")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("code").asString()).isEqualTo("CORS_ORIGIN_NOT_ALLOWED");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void actualRequestsCarryingAnOriginStillPassWithoutCorsHeaders() {
        // As the gateway forwards a browser's request, Origin included.
        var response = get(
                "/probe/me",
                "Origin",
                "https://app.tabelogo.example",
                "Authorization",
                "Bearer " + TestTokens.valid("u1", "user"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
