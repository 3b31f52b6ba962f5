package io.tabelogo.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.auth.AuthServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /internal/v1/service-tokens}: a service's client credentials for a token to one other service. */
class ServiceTokenIntegrationTest extends AuthServiceIntegrationTest {

    @Test
    void aKnownClientGetsAShortLivedTokenForAnotherService() {
        HttpResponse<String> answer = ask("restaurant-service", SERVICE_SECRET, "map-service");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode token = json(answer);
        assertThat(token.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(token.get("expires_in").asLong()).isEqualTo(600);
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder()
                .decode(token.get("access_token").asString().split("\\.")[1]));
        assertThat(claims.get("sub").asString()).isEqualTo("restaurant-service");
        assertThat(claims.get("aud").toString()).contains("map-service").doesNotContain("tabelogo\"");
        assertThat(claims.get("token_use").asString()).isEqualTo("service");
        assertThat(claims.has("sid")).isFalse();
        assertThat(claims.has("role")).isFalse();
        // Not a user's token: refused on the HTTP API.
        assertProblem(
                get(
                        "/api/v1/auth/me",
                        "Authorization",
                        "Bearer " + token.get("access_token").asString()),
                401,
                "AUTH_TOKEN_INVALID");
    }

    @Test
    void aWrongSecretAndAnUnknownClientGetTheSame401() {
        assertProblem(ask("restaurant-service", "guessed", "map-service"), 401, "AUTH_CLIENT_INVALID");
        assertProblem(ask("spider-service", SERVICE_SECRET, "map-service"), 401, "AUTH_CLIENT_INVALID");
        assertProblem(ask("nobody", SERVICE_SECRET, "map-service"), 401, "AUTH_CLIENT_INVALID");
    }

    @Test
    void badRequestsNameTheirFields() {
        assertThat(assertProblem(ask("restaurant-service", SERVICE_SECRET, "elsewhere"), 400, "VALIDATION_FAILED")
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("audience");
        assertProblem(ask("restaurant-service", SERVICE_SECRET, "restaurant-service"), 400, "VALIDATION_FAILED");
        assertProblem(
                post("/internal/v1/service-tokens", "application/json", "{\"audience\": \"map-service\"}"),
                400,
                "VALIDATION_FAILED");
        assertProblem(post("/internal/v1/service-tokens", "application/json", "{not json"), 400, "MALFORMED_REQUEST");
    }

    private HttpResponse<String> ask(String client, String secret, String audience) {
        return post("/internal/v1/service-tokens", "application/json", """
                {"client_id": "%s", "client_secret": "%s", "audience": "%s"}""".formatted(client, secret, audience));
    }
}
