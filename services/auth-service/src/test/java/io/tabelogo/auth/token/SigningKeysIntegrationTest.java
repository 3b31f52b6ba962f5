package io.tabelogo.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.jwk.RSAKey;
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

    @Test
    void keysAreEncryptedWithPbkdf2Sha256AndOlderOnesAreEncryptedAgainWhenRead() {
        assertThat(jdbc.sql("SELECT kdf FROM signing_keys WHERE retired_at IS NULL")
                        .query(String.class)
                        .single())
                .isEqualTo(KeyEncryption.CURRENT);
        // A key as an earlier version stored it (PBKDF2-HMAC-SHA1, 1,024 iterations).
        RSAKey active = keys.current();
        String salt = org.springframework.security.crypto.keygen.KeyGenerators.string()
                .generateKey();
        jdbc.sql("UPDATE signing_keys SET private_jwk = ?, salt = ?, kdf = ? WHERE kid = ?")
                .params(
                        org.springframework.security.crypto.encrypt.Encryptors.delux(settings.keyPassword(), salt)
                                .encrypt(active.toJSONString()),
                        salt,
                        KeyEncryption.LEGACY,
                        active.getKeyID())
                .update();

        var restarted = new SigningKeys(jdbc, settings, Clock.systemUTC());

        assertThat(restarted.current().getKeyID()).isEqualTo(active.getKeyID());
        assertThat(jdbc.sql("SELECT kdf FROM signing_keys WHERE kid = ?")
                        .param(active.getKeyID())
                        .query(String.class)
                        .single())
                .isEqualTo(KeyEncryption.CURRENT);
        assertThat(new SigningKeys(jdbc, settings, Clock.systemUTC()).current().getPrivateExponent())
                .isEqualTo(active.getPrivateExponent());
    }

    @Test
    void theScheduleReplacesAKeyOnlyOnceItIsOldEnoughAndOnlyOnce() {
        String kid = keys.current().getKeyID();

        assertThat(keys.rotateIfOlderThan(Duration.ofDays(30))).isEmpty();
        jdbc.sql("UPDATE signing_keys SET created_at = created_at - interval '31 days' WHERE kid = ?")
                .param(kid)
                .update();
        var otherReplica = new SigningKeys(jdbc, settings, Clock.systemUTC());

        assertThat(keys.rotateIfOlderThan(Duration.ofDays(30))).isPresent();
        assertThat(otherReplica.rotateIfOlderThan(Duration.ofDays(30)))
                .as("already replaced")
                .isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM signing_keys WHERE retired_at IS NULL")
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(publishedKids()).contains(kid); // still verifying the tokens it signed
        retiredLongAgo();
    }

    /** Keys this test retired are past their overlap, so other tests see only their own. */
    private void retiredLongAgo() {
        jdbc.sql("UPDATE signing_keys SET retired_at = now() - interval '1 day' WHERE retired_at IS NOT NULL")
                .update();
    }

    @Test
    void anAdministratorMayRotateAndNobodyElse() {
        String email = uniqueEmail("keys");
        register(email, PASSWORD, "keyholder");
        String user = json(login(email, PASSWORD)).get("access_token").asString();
        jdbc.sql("UPDATE users SET role = 'admin' WHERE email = ?").param(email).update();
        String admin = json(login(email, PASSWORD)).get("access_token").asString();
        String before = keys.current().getKeyID();

        assertProblem(post("/api/v1/auth/keys/rotate", "application/json", "", bearer(user)), 403, "FORBIDDEN");
        assertProblem(post("/api/v1/auth/keys/rotate", "application/json", ""), 401, "AUTH_TOKEN_MISSING");
        var rotated = post("/api/v1/auth/keys/rotate", "application/json", "", bearer(admin));

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        assertThat(json(rotated).get("kid").asString()).isNotEqualTo(before);
        assertThat(publishedKids()).contains(before, json(rotated).get("kid").asString());
        assertThat(get("/api/v1/auth/me", bearer(admin)).statusCode())
                .as("nobody is logged out by a rotation")
                .isEqualTo(200);
        retiredLongAgo();
    }
}
