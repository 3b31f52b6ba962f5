package io.tabelogo.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The RSA keys that sign access tokens, kept in the {@code signing_keys} table so every replica signs with the
 * same key and publishes the same set. The active key is cached for a minute, so a rotation made by one replica
 * reaches the others within that time.
 */
@Component
public class SigningKeys {

    private static final Duration CACHE = Duration.ofMinutes(1);
    /** This service verifies its own tokens against the published set on every request: keep it a few seconds. */
    private static final Duration PUBLISHED_CACHE = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final TokenSettings settings;
    private final Clock clock;
    private volatile Cached cached;
    private volatile Published published;
    // A key is decrypted once per replica: the key derivation is deliberately slow.
    private final Map<String, RSAKey> decrypted = new ConcurrentHashMap<>();

    SigningKeys(JdbcClient jdbc, TokenSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    private record Cached(RSAKey key, Instant loaded) {}

    private record Published(JWKSet keys, Instant loaded) {}

    /** The key new tokens are signed with; the first replica to need one creates it. */
    public RSAKey current() {
        Cached now = cached;
        if (now == null || now.loaded().plus(CACHE).isBefore(clock.instant())) {
            now = new Cached(loadActive().orElseGet(this::createActive), clock.instant());
            cached = now;
        }
        return now.key();
    }

    /** Public halves of the active key and of keys retired less than one token lifetime (plus a minute) ago. */
    public JWKSet published() {
        Published now = published;
        if (now == null || now.loaded().plus(PUBLISHED_CACHE).isBefore(clock.instant())) {
            now = new Published(loadPublished(), clock.instant());
            published = now;
        }
        return now.keys();
    }

    private JWKSet loadPublished() {
        current(); // never an empty set, even before the first token is signed
        // Other replicas may sign with a retired key until their cache of the active key expires (CACHE).
        Instant oldestStillValid =
                clock.instant().minus(settings.accessTokenTtl()).minus(CACHE);
        List<JWK> keys = jdbc.sql("SELECT public_jwk FROM signing_keys WHERE retired_at IS NULL OR retired_at > ? "
                        + "ORDER BY created_at DESC")
                .param(Timestamp.from(oldestStillValid))
                .query((row, n) -> parse(row.getString("public_jwk")))
                .list();
        return new JWKSet(keys);
    }

    /** Retires the active key and signs with a new one from now on; the old one stays published a while. */
    @Transactional
    public RSAKey rotate() {
        jdbc.sql("UPDATE signing_keys SET retired_at = ? WHERE retired_at IS NULL")
                .param(Timestamp.from(clock.instant()))
                .update();
        return replaced();
    }

    /**
     * Rotates when the active key is older than {@code maxAge} (the schedule); of replicas trying at once, one
     * does. Empty when the key is young enough.
     */
    @Transactional
    public Optional<RSAKey> rotateIfOlderThan(Duration maxAge) {
        int retired = jdbc.sql("UPDATE signing_keys SET retired_at = ? WHERE retired_at IS NULL AND created_at < ?")
                .params(
                        Timestamp.from(clock.instant()),
                        Timestamp.from(clock.instant().minus(maxAge)))
                .update();
        return retired == 1 ? Optional.of(replaced()) : Optional.empty();
    }

    private RSAKey replaced() {
        RSAKey key = createActive();
        cached = new Cached(key, clock.instant());
        published = null;
        return key;
    }

    private Optional<RSAKey> loadActive() {
        return jdbc.sql("SELECT kid, private_jwk, salt, kdf FROM signing_keys WHERE retired_at IS NULL")
                .query((row, n) -> decrypt(
                        row.getString("kid"),
                        row.getString("kdf"),
                        row.getString("private_jwk"),
                        row.getString("salt")))
                .optional();
    }

    private RSAKey createActive() {
        RSAKey key = generate();
        String salt = KeyEncryption.newSalt();
        int inserted = jdbc.sql("INSERT INTO signing_keys (kid, public_jwk, private_jwk, salt, kdf) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT ((true)) WHERE retired_at IS NULL DO NOTHING")
                .params(
                        key.getKeyID(),
                        key.toPublicJWK().toJSONString(),
                        KeyEncryption.encrypt(settings.keyPassword(), salt, key.toJSONString()),
                        salt,
                        KeyEncryption.CURRENT)
                .update();
        // Another replica created one at the same moment: use that one, so all sign alike.
        return inserted == 1 ? key : loadActive().orElseThrow();
    }

    private RSAKey decrypt(String kid, String kdf, String encrypted, String salt) {
        RSAKey known = decrypted.get(kid);
        if (known != null) {
            return known;
        }
        String json;
        try {
            json = KeyEncryption.decrypt(kdf, settings.keyPassword(), salt, encrypted);
        } catch (IllegalStateException wrongPassword) {
            throw new IllegalStateException(
                    "cannot decrypt the token signing key: TABELOGO_AUTH_KEY_PASSWORD differs from the one it was "
                            + "stored with",
                    wrongPassword);
        }
        RSAKey key = (RSAKey) parse(json);
        if (KeyEncryption.LEGACY.equals(kdf)) { // stored by an earlier version: encrypted again, as new keys are
            String salt2 = KeyEncryption.newSalt();
            jdbc.sql("UPDATE signing_keys SET private_jwk = ?, salt = ?, kdf = ? WHERE kid = ? AND kdf = ?")
                    .params(
                            KeyEncryption.encrypt(settings.keyPassword(), salt2, json),
                            salt2,
                            KeyEncryption.CURRENT,
                            kid,
                            KeyEncryption.LEGACY)
                    .update();
        }
        decrypted.put(kid, key);
        return key;
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("a signing key in the database is not a valid JWK", e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }
}
