package io.tabelogo.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tabelogo.auth.AuthServiceIntegrationTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import tools.jackson.databind.JsonNode;

class SigningKeysIntegrationTest extends AuthServiceIntegrationTest {

    @Autowired
    SigningKeys keys;

    @Autowired
    AccessTokens tokens;

    @Autowired
    TokenSettings settings;

    @Test
    void jwksPublishesPublicRs256KeysOnly() {
        var response = get("/.well-known/jwks.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("max-age=60"));
        JsonNode key = json(response).get("keys").get(0);
        assertThat(key.get("kty").asString()).isEqualTo("RSA");
        assertThat(key.get("alg").asString()).isEqualTo("RS256");
        assertThat(key.get("use").asString()).isEqualTo("sig");
        assertThat(key.get("kid").asString()).isEqualTo(keys.current().getKeyID());
        for (String privatePart : List.of("d", "p", "q", "dp", "dq", "qi")) {
            assertThat(key.has(privatePart)).as(privatePart).isFalse();
        }
    }

    @Test
    void issuedTokensCarryTheSpecClaimsAndVerifyAgainstThePublishedKeys() {
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();

        var issued = tokens.issue(user, "admin", session);
        Jwt jwt = verifier().decode(issued.value());

        assertThat(issued.expiresIn()).isEqualTo(900);
        assertThat(jwt.getHeaders())
                .containsEntry("alg", "RS256")
                .containsEntry("kid", keys.current().getKeyID());
        assertThat(jwt.getSubject()).isEqualTo(user.toString());
        assertThat(jwt.getClaimAsString("sid")).isEqualTo(session.toString());
        assertThat(jwt.getClaimAsString("role")).isEqualTo("admin");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo("tabelogo-auth");
        assertThat(jwt.getAudience()).containsExactly("tabelogo");
        assertThat(jwt.getId()).isNotBlank();
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void replicasSignWithTheSameKey() {
        var otherReplica = new SigningKeys(jdbc, settings, Clock.systemUTC());

        assertThat(otherReplica.current().getKeyID()).isEqualTo(keys.current().getKeyID());
        assertThat(jdbc.sql("SELECT count(*) FROM signing_keys WHERE retired_at IS NULL")
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void privateKeysAreStoredEncryptedAndNeedThePassword() {
        String stored = jdbc.sql("SELECT private_jwk FROM signing_keys WHERE retired_at IS NULL")
                .query(String.class)
                .single();

        assertThat(stored)
                .doesNotContain(keys.current().getPrivateExponent().toString())
                .matches("[0-9a-f]+");
        var wrongPassword = new TokenSettings(settings.accessTokenTtl(), "not-the-password");
        assertThatIllegalStateException()
                .isThrownBy(() -> new SigningKeys(jdbc, wrongPassword, Clock.systemUTC()).current())
                .withMessageContaining("TABELOGO_AUTH_KEY_PASSWORD");
    }

    @Test
    void rotationKeepsTheOldKeyPublishedUntilItsTokensHaveExpired() {
        String oldKid = keys.current().getKeyID();
        String oldToken =
                tokens.issue(UUID.randomUUID(), "user", UUID.randomUUID()).value();

        String newKid = keys.rotate().getKeyID();

        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(publishedKids()).containsExactly(newKid, oldKid);
        assertThat(verifier().decode(oldToken).getHeaders()).containsEntry("kid", oldKid);

        // One token lifetime later the old key is gone, and so is every token it signed.
        jdbc.sql("UPDATE signing_keys SET retired_at = ? WHERE kid = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofMinutes(16))), oldKid)
                .update();
        clock.advance(Duration.ofSeconds(11)); // past the published set's 10 s cache
        assertThat(publishedKids()).containsExactly(newKid);
        assertThat(catchThrowable(() -> verifier().decode(oldToken))).isInstanceOf(JwtException.class);
    }

    private List<String> publishedKids() {
        return json(get("/.well-known/jwks.json")).get("keys").findValuesAsString("kid");
    }
}
