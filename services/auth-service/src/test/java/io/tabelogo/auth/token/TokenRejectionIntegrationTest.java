package io.tabelogo.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.tabelogo.auth.AuthServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every way a token can be wrong, against auth-service's own verification: the documented 401, nothing stored. */
class TokenRejectionIntegrationTest extends AuthServiceIntegrationTest {

    @Autowired
    AccessTokens tokens;

    @Test
    void expiredTokenIsAuthTokenExpired() {
        clock.advance(Duration.ofMinutes(-20)); // issued 20 minutes ago, for 15
        String expired =
                tokens.issue(UUID.randomUUID(), "user", UUID.randomUUID()).value();
        clock.reset();

        assertProblem(me(expired), 401, "AUTH_TOKEN_EXPIRED");
    }

    @Test
    void forgedTokensAreAuthTokenInvalid() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(
                        SignedJWT.parse(tokens.issue(UUID.randomUUID(), "admin", UUID.randomUUID())
                                        .value())
                                .getJWTClaimsSet())
                .build();
        String valid =
                tokens.issue(UUID.randomUUID(), "user", UUID.randomUUID()).value();
        String[] parts = valid.split("\\.");
        String tamperedPayload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"user\"", "\"admin\"")
                        .getBytes(StandardCharsets.UTF_8));

        var hs256 = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("x").build(), claims);
        hs256.sign(new MACSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
        var unknownKey = new RSAKeyGenerator(2048).keyID("not-ours").generate();
        var wrongKid = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("not-ours").build(), claims);
        wrongKid.sign(new RSASSASigner(unknownKey));

        for (String forged : new String[] {
            parts[0] + "." + tamperedPayload + "." + parts[2], // role changed after signing
            new PlainJWT(claims).serialize(), // alg: none
            hs256.serialize(),
            wrongKid.serialize(),
            "not-a-jwt"
        }) {
            assertProblem(me(forged), 401, "AUTH_TOKEN_INVALID");
        }
        assertThat(get("/metrics").body())
                .containsPattern("auth_token_validation_total\\{service=\"auth-service\",status=\"invalid\"} [1-9]");
    }

    private HttpResponse<String> me(String token) {
        return get("/api/v1/auth/me", "Authorization", "Bearer " + token);
    }
}
