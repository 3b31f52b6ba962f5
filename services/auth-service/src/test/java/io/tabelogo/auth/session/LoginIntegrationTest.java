package io.tabelogo.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.auth.AuthServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.databind.JsonNode;

class LoginIntegrationTest extends AuthServiceIntegrationTest {

    @Test
    void loginOpensASessionAndReturnsBothTokens() {
        String email = account("login");

        var response = login(email.toUpperCase(), PASSWORD, false, "Mozilla/5.0 (Test)");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(900);
        assertThat(body.get("user").get("email").asString()).isEqualTo(email);
        String refreshToken = body.get("refresh_token").asString();
        assertThat(refreshToken).matches("[A-Za-z0-9_-]{43}"); // 256 random bits
        Jwt access = verifier().decode(body.get("access_token").asString());
        assertThat(access.getSubject()).isEqualTo(body.get("user").get("id").asString());
        var session = jdbc.sql(
                        "SELECT device_info, ip_address, EXTRACT(EPOCH FROM expires_at - created_at)::bigint AS lifetime FROM sessions "
                                + "WHERE id = ?")
                .param(UUID.fromString(access.getClaimAsString("sid")))
                .query()
                .singleRow();
        assertThat(session.get("device_info")).isEqualTo("Mozilla/5.0 (Test)");
        assertThat(session.get("ip_address")).isEqualTo("127.0.0.1");
        assertThat(((Number) session.get("lifetime")).longValue())
                .isEqualTo(Duration.ofHours(24).toSeconds());
        assertThat(jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE token_hash = ?")
                        .param(RefreshTokenValues.hash(refreshToken))
                        .query(Long.class)
                        .single())
                .as("only the hash is stored")
                .isOne();
    }

    @Test
    void rememberMeKeepsTheSessionThirtyDays() {
        String email = account("remember");

        var body = json(login(email, PASSWORD, true, "test"));

        long lifetime = jdbc.sql(
                        "SELECT EXTRACT(EPOCH FROM expires_at - created_at)::bigint FROM sessions WHERE id = ?")
                .param(UUID.fromString(
                        verifier().decode(body.get("access_token").asString()).getClaimAsString("sid")))
                .query(Long.class)
                .single();
        assertThat(lifetime).isEqualTo(Duration.ofDays(30).toSeconds());
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswerInSimilarTime() {
        String email = account("similar");

        long wrongPassword = fastest(() -> login(email, "not-The-Password1", false, "t"), "AUTH_INVALID_CREDENTIALS");
        long unknownEmail =
                fastest(() -> login(uniqueEmail("nobody"), PASSWORD, false, "t"), "AUTH_INVALID_CREDENTIALS");

        // Both pay for one bcrypt: an unknown email is not answered noticeably faster.
        assertThat(unknownEmail).isGreaterThan(wrongPassword / 2);
    }

    @Test
    void fiveFailuresLockTheEmailForFifteenMinutesWhetherOrNotItExists() {
        String email = account("locked");
        String stranger = uniqueEmail("stranger");
        for (int i = 0; i < 5; i++) {
            assertProblem(login(email, "wrong-Password" + i, false, "t"), 401, "AUTH_INVALID_CREDENTIALS");
            assertProblem(login(stranger, "wrong-Password" + i, false, "t"), 401, "AUTH_INVALID_CREDENTIALS");
        }

        var locked = login(email, PASSWORD, false, "t"); // even the right password
        var strangerLocked = login(stranger, PASSWORD, false, "t");

        assertProblem(locked, 423, "AUTH_ACCOUNT_LOCKED");
        assertProblem(strangerLocked, 423, "AUTH_ACCOUNT_LOCKED"); // a lock reveals nothing about the account
        long retryAfter =
                Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(800L, 901L);

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(login(email, PASSWORD, false, "t").statusCode()).isEqualTo(200);
    }

    @Test
    void theLockLastsFifteenMinutesFromTheFailureThatCausedIt() {
        String email = account("spread");
        for (int minute : new int[] {0, 4, 4, 4, 2}) { // failures at 0, 4, 8, 12 and 14 minutes
            clock.advance(Duration.ofMinutes(minute));
            assertProblem(login(email, "wrong-Password1", false, "t"), 401, "AUTH_INVALID_CREDENTIALS");
        }

        clock.advance(Duration.ofMinutes(2)); // 16 minutes: the first failures have left the window, the lock has not
        assertProblem(login(email, PASSWORD, false, "t"), 423, "AUTH_ACCOUNT_LOCKED");
        clock.advance(Duration.ofMinutes(13).plusSeconds(1)); // 15 minutes after the fifth failure
        assertThat(login(email, PASSWORD, false, "t").statusCode()).isEqualTo(200);
    }

    @Test
    void parallelGuessesCannotOutrunTheLockout() {
        String email = account("parallel");

        List<Integer> statuses = IntStream.range(0, 12)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> login(email, "guess-Number" + i, false, "t").statusCode()))
                .toList()
                .stream()
                .map(CompletableFuture::join)
                .toList();

        assertThat(statuses.stream().filter(status -> status == 401)).hasSizeLessThanOrEqualTo(5);
        assertThat(statuses).containsOnly(401, 423);
    }

    @Test
    void emailsThatCannotBeAccountsAreRefusedWithoutAServerError() {
        assertProblem(login("nul\u0000byte@example.com", PASSWORD, false, "t"), 401, "AUTH_INVALID_CREDENTIALS");
        assertProblem(login("x".repeat(3000) + "@example.com", PASSWORD, false, "t"), 401, "AUTH_INVALID_CREDENTIALS");
    }

    @Test
    void theSixthLoginRevokesTheOldestSession() {
        String email = account("six");
        List<String> sessionIds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            var body = json(login(email, PASSWORD, false, "device " + i));
            sessionIds.add(
                    verifier().decode(body.get("access_token").asString()).getClaimAsString("sid"));
        }

        var active = jdbc
                .sql("SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id "
                        + "WHERE u.email = ? AND s.revoked_at IS NULL ORDER BY s.created_at")
                .param(email)
                .query(UUID.class)
                .list()
                .stream()
                .map(UUID::toString)
                .toList();
        assertThat(active).containsExactlyElementsOf(sessionIds.subList(1, 6));
        assertThat(jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE session_id = ? AND revoked_at IS NOT NULL")
                        .param(UUID.fromString(sessionIds.getFirst()))
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void everyCharacterOfALongPasswordCounts() {
        // 127 characters, 367 bytes in UTF-8: far past the 72 bytes bcrypt reads on its own.
        String password = "ラーメン".repeat(30) + "1234567";
        String email = uniqueEmail("long");
        assertThat(register(email, password, "long").statusCode()).isEqualTo(201);

        assertThat(login(email, password, false, "t").statusCode()).isEqualTo(200);
        assertProblem(login(email, password.substring(0, 126) + "8", false, "t"), 401, "AUTH_INVALID_CREDENTIALS");
    }

    @Test
    void missingOrBrokenInputIsABadRequest() {
        JsonNode problem =
                assertProblem(post("/api/v1/auth/login", "application/json", "{}"), 400, "VALIDATION_FAILED");
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("email", "password");
        assertProblem(post("/api/v1/auth/login", "application/json", "{\"email\":"), 400, "MALFORMED_REQUEST");
        assertProblem(post("/api/v1/auth/login", "text/plain", "x"), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void loginsAreCountedAndTimed() {
        String email = account("metrics");
        double before = metricSum("auth_login_total");

        login(email, PASSWORD, false, "t");
        login(email, "wrong-Password1", false, "t");

        assertThat(metricSum("auth_login_total")).isEqualTo(before + 2);
        assertThat(get("/metrics").body())
                .contains("auth_login_total{service=\"auth-service\",status=\"blocked\"}")
                .contains("auth_failed_login_attempts_total{reason=\"wrong_password\",service=\"auth-service\"}")
                .contains("auth_login_duration_seconds_bucket{")
                .containsPattern("auth_active_sessions\\{service=\"auth-service\"} [1-9]");
    }

    private String account(String name) {
        String email = uniqueEmail(name);
        assertThat(register(email, PASSWORD, name).statusCode()).isEqualTo(201);
        return email;
    }

    private HttpResponse<String> login(String email, String password, boolean rememberMe, String userAgent) {
        String body = "{\"email\": %s, \"password\": %s, \"remember_me\": %s}"
                .formatted(JSON.writeValueAsString(email), JSON.writeValueAsString(password), rememberMe);
        return post("/api/v1/auth/login", "application/json", body, "User-Agent", userAgent);
    }

    private long fastest(Supplier<HttpResponse<String>> attempt, String expectedCode) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            assertProblem(attempt.get(), 401, expectedCode);
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }
}
