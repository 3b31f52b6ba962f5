package io.tabelogo.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.auth.AuthServiceIntegrationTest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class RegistrationIntegrationTest extends AuthServiceIntegrationTest {

    @Test
    void registersWithTheEmailNormalisedAndNeverShowsTheHash() {
        String email = uniqueEmail("Ann.Lee").toUpperCase();

        var response = register(" " + email + " ", "ramen-Lover1", " ann ");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode user = json(response).get("user");
        assertThat(user.get("email").asString()).isEqualTo(email.toLowerCase());
        assertThat(user.get("username").asString()).isEqualTo("ann");
        assertThat(user.get("role").asString()).isEqualTo("user");
        assertThat(user.get("email_verified").asBoolean()).isFalse();
        assertThat(user.get("id").asString()).hasSize(36);
        assertThat(user.get("created_at").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("password", "ramen-Lover1", "$2a$");
        String hash = jdbc.sql("SELECT password_hash FROM users WHERE email = ?")
                .param(email.toLowerCase())
                .query(String.class)
                .single();
        assertThat(hash).startsWith("$2a$12$"); // bcrypt, cost 12
    }

    @Test
    void sameEmailInAnyCaseIsTaken() {
        String email = uniqueEmail("bob");
        assertThat(register(email, "gyoza-Fan22", "bob").statusCode()).isEqualTo(201);

        var again = register(email.toUpperCase(), "other-Pass33", "bobby");

        assertProblem(again, 409, "AUTH_EMAIL_TAKEN");
        assertThat(accountsWithEmail(email)).isOne();
    }

    static Stream<Arguments> invalidRegistrations() {
        String email = "invalid@example.com";
        return Stream.of(
                Arguments.of(null, "ramen-Lover1", "ann", "email"),
                Arguments.of("not-an-email", "ramen-Lover1", "ann", "email"),
                Arguments.of("ann@", "ramen-Lover1", "ann", "email"),
                Arguments.of("a".repeat(250) + "@x.io", "ramen-Lover1", "ann", "email"),
                Arguments.of(email, null, "ann", "password"),
                Arguments.of(email, "Short1!", "ann", "password"),
                Arguments.of(email, "Aa1!".repeat(33), "ann", "password"),
                Arguments.of(email, "alllowercaseletters", "ann", "password"),
                Arguments.of(email, email.toUpperCase(), "ann", "password"),
                Arguments.of(email, "ramen-Lover1", null, "username"),
                Arguments.of(email, "ramen-Lover1", "an", "username"),
                Arguments.of(email, "ramen-Lover1", "x".repeat(51), "username"),
                Arguments.of(email, "ramen-Lover1", "bad\u0007name", "username"),
                Arguments.of(email, "ramen-Lover1", "\uD83C\uDF5C\uD83C\uDF63", "username")); // two emoji: 2 characters
    }

    @ParameterizedTest
    @MethodSource("invalidRegistrations")
    void invalidDetailsAreValidationFailedAndStoreNothing(
            String email, String password, String username, String field) {
        var response = register(email, password, username);

        JsonNode problem = assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly(field);
        if (email != null) {
            assertThat(accountsWithEmail(email)).isZero();
        }
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() {
        String ramen = "\uD83C\uDF5C"; // one emoji, two UTF-16 units
        var response = register(uniqueEmail("emoji"), "ramen-Lover1", ramen.repeat(26)); // 26 characters

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void brokenRequestsGetTheirCodesAndStoreNothing() {
        String email = uniqueEmail("broken");
        String body = registration(email, "ramen-Lover1", "ann");

        assertProblem(
                post("/api/v1/auth/register", "application/json", body.substring(0, 20)), 400, "MALFORMED_REQUEST");
        assertProblem(post("/api/v1/auth/register", "text/plain", body), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(
                post("/api/v1/auth/register", "application/json", body.replace("ann", "a".repeat(2_000_000))),
                413,
                "PAYLOAD_TOO_LARGE");
        assertThat(accountsWithEmail(email)).isZero();
    }

    @Test
    void twoRegistrationsOfOneEmailAtOnceCreateOneAccount() throws Exception {
        String email = uniqueEmail("race");
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<Integer>> attempts = Stream.of("racer-One1", "racer-Two2")
                .map(password -> CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return register(email, password, "racer").statusCode();
                }))
                .toList();

        List<Integer> statuses =
                attempts.stream().map(CompletableFuture::join).sorted().toList();

        assertThat(statuses).containsExactly(201, 409);
        assertThat(accountsWithEmail(email)).isOne();
    }

    @Test
    void everyOutcomeIsCounted() {
        double before = metricSum("auth_register_total");
        String email = uniqueEmail("counted");

        register(email, "ramen-Lover1", "counted"); // success
        register(email, "ramen-Lover1", "counted"); // email_taken
        register(email, "short", "counted"); // failed

        assertThat(metricSum("auth_register_total")).isEqualTo(before + 3);
        assertThat(get("/metrics").body())
                .contains("auth_register_total{service=\"auth-service\",status=\"success\"}")
                .contains("auth_register_total{service=\"auth-service\",status=\"email_taken\"}")
                .contains("auth_register_total{service=\"auth-service\",status=\"failed\"}");
    }
}
