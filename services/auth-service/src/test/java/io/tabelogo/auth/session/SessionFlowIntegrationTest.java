package io.tabelogo.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.auth.AuthServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The whole life of a session over real HTTP: login, use, refresh, theft detection, logout. */
class SessionFlowIntegrationTest extends AuthServiceIntegrationTest {

    @Test
    void meAndValidateAnswerForAValidToken() {
        JsonNode tokens = loggedIn("whoami");
        String access = tokens.get("access_token").asString();

        var me = get("/api/v1/auth/me", bearer(access));
        var validate = get("/api/v1/auth/validate", bearer(access));

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).get("user").get("id").asString())
                .isEqualTo(tokens.get("user").get("id").asString());
        assertThat(json(validate).get("valid").asBoolean()).isTrue();
        assertProblem(get("/api/v1/auth/me"), 401, "AUTH_TOKEN_MISSING");
        assertThat(get("/metrics").body())
                .containsPattern("auth_token_validation_total\\{service=\"auth-service\",status=\"valid\"} [1-9]")
                .contains("auth_token_validation_total{service=\"auth-service\",status=\"expired\"}");
        assertProblem(get("/api/v1/auth/validate", bearer(access + "x")), 401, "AUTH_TOKEN_INVALID");
    }

    @Test
    void refreshRotatesAndAReusedTokenClosesTheSession() {
        JsonNode first = loggedIn("rotate");
        String firstRefresh = first.get("refresh_token").asString();

        var rotated = refresh(firstRefresh);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        JsonNode second = json(rotated);
        assertThat(second.get("refresh_token").asString()).isNotEqualTo(firstRefresh);
        assertThat(second.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(get("/api/v1/auth/me", bearer(second.get("access_token").asString()))
                        .statusCode())
                .isEqualTo(200);

        // The first token again: someone copied it. The session ends for everyone holding it.
        assertProblem(refresh(firstRefresh), 401, "AUTH_REFRESH_REUSED");
        assertProblem(refresh(second.get("refresh_token").asString()), 401, "AUTH_REFRESH_REUSED");
        assertProblem(
                get("/api/v1/auth/me", bearer(second.get("access_token").asString())), 401, "AUTH_SESSION_REVOKED");
    }

    @Test
    void unknownOrBrokenRefreshTokensAreInvalid() {
        assertProblem(refresh("not-a-token-we-issued"), 401, "AUTH_REFRESH_INVALID");
        assertProblem(post("/api/v1/auth/refresh", "application/json", "{}"), 401, "AUTH_REFRESH_INVALID");
        assertProblem(
                post("/api/v1/auth/refresh", "application/json", "{\"refresh_token\":"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void twoRefreshesWithOneTokenAtOnceLetAtMostOneThrough() throws Exception {
        String refreshToken = loggedIn("race").get("refresh_token").asString();
        CyclicBarrier start = new CyclicBarrier(2);

        List<Integer> statuses = Stream.of(1, 2)
                .map(i -> CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return refresh(refreshToken).statusCode();
                }))
                .toList()
                .stream()
                .map(CompletableFuture::join)
                .toList();

        assertThat(statuses).containsOnlyOnce(200).contains(401);
    }

    @Test
    void logoutEndsTheSessionAndItsTokens() {
        JsonNode tokens = loggedIn("logout");
        String access = tokens.get("access_token").asString();

        var response = post("/api/v1/auth/logout", "application/json", "", bearer(access));

        assertThat(response.statusCode()).isEqualTo(204);
        assertProblem(get("/api/v1/auth/validate", bearer(access)), 401, "AUTH_SESSION_REVOKED");
        assertProblem(refresh(tokens.get("refresh_token").asString()), 401, "AUTH_REFRESH_REUSED");
    }

    @Test
    void logoutAllEndsEverySessionOfTheUserOnly() {
        String email = uniqueEmail("everywhere");
        assertThat(register(email, PASSWORD, "everywhere").statusCode()).isEqualTo(201);
        String phone = json(login(email, PASSWORD)).get("access_token").asString();
        String laptop = json(login(email, PASSWORD)).get("access_token").asString();
        String someoneElse = loggedIn("bystander").get("access_token").asString();

        assertThat(post("/api/v1/auth/logout-all", "application/json", "", bearer(phone))
                        .statusCode())
                .isEqualTo(204);

        assertProblem(get("/api/v1/auth/me", bearer(phone)), 401, "AUTH_SESSION_REVOKED");
        assertProblem(get("/api/v1/auth/me", bearer(laptop)), 401, "AUTH_SESSION_REVOKED");
        assertThat(get("/api/v1/auth/me", bearer(someoneElse)).statusCode()).isEqualTo(200);
    }

    @Test
    void ownersListTheirOpenSessionsAndEndOnlyTheirOwn() {
        String email = uniqueEmail("lister");
        assertThat(register(email, PASSWORD, "lister").statusCode()).isEqualTo(201);
        String first = json(login(email, PASSWORD)).get("access_token").asString();
        JsonNode second = json(login(email, PASSWORD));
        String other = loggedIn("intruder").get("access_token").asString();

        JsonNode sessions = json(get("/api/v1/auth/sessions", bearer(first))).get("sessions");

        assertThat(sessions).hasSize(2);
        assertThat(sessions.findValuesAsString("ip_address")).containsOnly("127.0.0.1");
        assertThat(sessions.get(0).has("last_active_at")).isTrue();
        assertThat(sessions.findValues("current").stream().filter(JsonNode::asBoolean))
                .hasSize(1);
        String secondId = sessions.get(0).get("id").asString(); // newest first

        assertProblem(delete("/api/v1/auth/sessions/" + secondId, other), 404, "AUTH_SESSION_NOT_FOUND");
        assertProblem(delete("/api/v1/auth/sessions/not-a-uuid", first), 400, "VALIDATION_FAILED");
        assertThat(delete("/api/v1/auth/sessions/" + secondId, first).statusCode())
                .isEqualTo(204);
        assertProblem(
                get("/api/v1/auth/me", bearer(second.get("access_token").asString())), 401, "AUTH_SESSION_REVOKED");
        assertThat(json(get("/api/v1/auth/sessions", bearer(first))).get("sessions"))
                .hasSize(1);
        assertProblem(delete("/api/v1/auth/sessions/" + secondId, first), 404, "AUTH_SESSION_NOT_FOUND");
    }

    @Test
    void refreshesAreCounted() {
        double before = metricSum("auth_token_refresh_total");
        String refreshToken = loggedIn("counted").get("refresh_token").asString();

        refresh(refreshToken);
        refresh(refreshToken);

        assertThat(metricSum("auth_token_refresh_total")).isEqualTo(before + 2);
        assertThat(get("/metrics").body())
                .contains("auth_token_refresh_total{service=\"auth-service\",status=\"reused\"}");
    }

    private HttpResponse<String> refresh(String refreshToken) {
        return post(
                "/api/v1/auth/refresh",
                "application/json",
                "{\"refresh_token\": %s}".formatted(JSON.writeValueAsString(refreshToken)));
    }

    private HttpResponse<String> delete(String path, String accessToken) {
        return send(request(path, bearer(accessToken)).DELETE().build());
    }
}
