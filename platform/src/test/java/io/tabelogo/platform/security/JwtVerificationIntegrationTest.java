package io.tabelogo.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platform.PlatformIntegrationTest;
import io.tabelogo.platform.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.CapturedOutput;

class JwtVerificationIntegrationTest extends PlatformIntegrationTest {

    @Test
    void validRs256TokenAuthenticatesTheUser() {
        var response = get("/probe/me", "Authorization", "Bearer " + TestTokens.valid("user-7", "user"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("user_id").asString()).isEqualTo("user-7");
    }

    @Test
    void missingTokenOnProtectedRouteIs401Missing() {
        var response = get("/probe/me");

        assertProblem(response, 401, "AUTH_TOKEN_MISSING");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void expiredTokenIs401Expired() {
        assertProblem(
                get("/probe/me", "Authorization", "Bearer " + TestTokens.expired("u1")), 401, "AUTH_TOKEN_EXPIRED");
    }

    @Test
    void tokensThatMustNotVerifyAre401Invalid() {
        for (String token : new String[] {
            TestTokens.withAudience("someone-else"),
            TestTokens.withIssuer("evil-issuer"),
            TestTokens.signedByUnknownKey(),
            TestTokens.hs256(),
            TestTokens.unsigned(),
            TestTokens.withoutExpiry(),
            TestTokens.withoutAudience(),
            "not.a.jwt"
        }) {
            assertProblem(get("/probe/me", "Authorization", "Bearer " + token), 401, "AUTH_TOKEN_INVALID");
        }
    }

    @Test
    void badTokenIsRejectedEvenOnPublicRoutes() {
        assertProblem(
                get("/probe/missing", "Authorization", "Bearer " + TestTokens.hs256()), 401, "AUTH_TOKEN_INVALID");
    }

    @Test
    void roleClaimDrivesAuthorisation() {
        assertProblem(
                get("/probe/admin", "Authorization", "Bearer " + TestTokens.valid("u1", "user")), 403, "FORBIDDEN");
        assertThat(get("/probe/admin", "Authorization", "Bearer " + TestTokens.valid("u2", "admin"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void routesNotListedByTheServiceRequireAToken() {
        assertProblem(get("/not-declared"), 401, "AUTH_TOKEN_MISSING");
    }

    @Test
    void unreachableKeySetIs503NotA500() throws InterruptedException {
        Thread.sleep(2_100); // past the unknown-key-id refetch limit another test may have used up
        TestTokens.jwksAvailable(false);
        try {
            var response = get("/probe/me", "Authorization", "Bearer " + TestTokens.signedByRotatedKey());

            assertProblem(response, 503, "UPSTREAM_UNAVAILABLE");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            // Keys already fetched keep working through the outage.
            assertThat(get("/probe/me", "Authorization", "Bearer " + TestTokens.valid("u1", "user"))
                            .statusCode())
                    .isEqualTo(200);
        } finally {
            TestTokens.jwksAvailable(true);
        }
    }

    @Test
    void forgedKeyIdsCannotMakeEveryRequestFetchTheKeySet() {
        get("/probe/me", "Authorization", "Bearer " + TestTokens.valid("u1", "user")); // the set is held
        int fetchesBefore = TestTokens.jwksFetches();

        for (int i = 0; i < 20; i++) {
            var response = get(
                    "/probe/me",
                    "Authorization",
                    "Bearer " + TestTokens.signedUnderKeyId("forged-" + java.util.UUID.randomUUID()));
            assertProblem(response, 401, "AUTH_TOKEN_INVALID");
        }

        assertThat(TestTokens.jwksFetches() - fetchesBefore).isLessThanOrEqualTo(1);
        assertThat(get("/probe/me", "Authorization", "Bearer " + TestTokens.valid("u2", "user"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void rejectedTokensAreNotLoggedEither(CapturedOutput output) {
        String token = TestTokens.expired("u-logged");
        get("/probe/me", "Authorization", "Bearer " + token);

        assertThat(output.getOut()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    @Test
    void securityHeadersAreOnRejectionsToo() {
        var response = get("/probe/me");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
    }
}
