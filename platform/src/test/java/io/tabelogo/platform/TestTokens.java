package io.tabelogo.platform;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Stands in for auth-service: a real HTTP server publishing a JWKS, and tokens signed (or mis-signed) the ways a
 * client could present them.
 */
public final class TestTokens {

    private static final RSAKey KEY = generate("test-key");
    private static final RSAKey UNPUBLISHED_KEY = generate("test-key"); // same kid, different key
    private static final RSAKey ROTATED_KEY = generate("rotated-key"); // a kid the verifier has not seen yet
    private static volatile boolean jwksAvailable = true;
    private static final java.util.concurrent.atomic.AtomicInteger JWKS_FETCHES =
            new java.util.concurrent.atomic.AtomicInteger();
    private static final String JWKS_URI = serveJwks();

    private TestTokens() {}

    public static String jwksUri() {
        return JWKS_URI;
    }

    /** A valid access token as auth-service would issue it. */
    public static String valid(String userId, String role) {
        return sign(
                KEY,
                claims(userId, role, "tabelogo-auth", "tabelogo", Instant.now().plus(Duration.ofMinutes(15))));
    }

    public static String expired(String userId) {
        return sign(
                KEY,
                claims(
                        userId,
                        "user",
                        "tabelogo-auth",
                        "tabelogo",
                        Instant.now().minus(Duration.ofMinutes(5))));
    }

    public static String withAudience(String audience) {
        return sign(
                KEY,
                claims("u1", "user", "tabelogo-auth", audience, Instant.now().plusSeconds(600)));
    }

    /** A service token: {@code clientId} calling {@code audience}. */
    public static String service(String clientId, String audience) {
        var claims = new JWTClaimsSet.Builder(claims(
                        clientId, null, "tabelogo-auth", audience, Instant.now().plusSeconds(600)))
                .claim("sid", null)
                .claim("token_use", "service")
                .build();
        return sign(KEY, claims);
    }

    /** A valid user token of session {@code sessionId}. */
    public static String inSession(String userId, String sessionId) {
        var claims = new JWTClaimsSet.Builder(claims(
                        userId,
                        "user",
                        "tabelogo-auth",
                        "tabelogo",
                        Instant.now().plusSeconds(600)))
                .claim("sid", sessionId)
                .build();
        return sign(KEY, claims);
    }

    public static String withIssuer(String issuer) {
        return sign(KEY, claims("u1", "user", issuer, "tabelogo", Instant.now().plusSeconds(600)));
    }

    public static String signedByUnknownKey() {
        return sign(
                UNPUBLISHED_KEY,
                claims("u1", "user", "tabelogo-auth", "tabelogo", Instant.now().plusSeconds(600)));
    }

    /** Signed with a key id the verifier must fetch the JWKS for. */
    public static String signedByRotatedKey() {
        return sign(
                ROTATED_KEY,
                claims("u1", "user", "tabelogo-auth", "tabelogo", Instant.now().plusSeconds(600)));
    }

    public static String withoutExpiry() {
        var claims = new JWTClaimsSet.Builder(claims("u1", "user", "tabelogo-auth", "tabelogo", Instant.now()))
                .expirationTime(null)
                .build();
        return sign(KEY, claims);
    }

    public static String withoutAudience() {
        var claims = new JWTClaimsSet.Builder(claims(
                        "u1", "user", "tabelogo-auth", "tabelogo", Instant.now().plusSeconds(600)))
                .audience((String) null)
                .build();
        return sign(KEY, claims);
    }

    /** How many times the key set was asked for. */
    public static int jwksFetches() {
        return JWKS_FETCHES.get();
    }

    /** Signed with a key nobody publishes, under a key id of the caller's choice. */
    public static String signedUnderKeyId(String kid) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(kid)
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims(
                            "u1",
                            "user",
                            "tabelogo-auth",
                            "tabelogo",
                            Instant.now().plusSeconds(600)));
            jwt.sign(new RSASSASigner(UNPUBLISHED_KEY));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Plays an auth-service outage: the JWKS endpoint answers 503 until switched back. */
    public static void jwksAvailable(boolean available) {
        jwksAvailable = available;
    }

    public static String hs256() {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("test-key").build(),
                    claims(
                            "u1",
                            "admin",
                            "tabelogo-auth",
                            "tabelogo",
                            Instant.now().plusSeconds(600)));
            jwt.sign(new MACSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String unsigned() {
        return new PlainJWT(claims(
                        "u1",
                        "admin",
                        "tabelogo-auth",
                        "tabelogo",
                        Instant.now().plusSeconds(600)))
                .serialize();
    }

    private static JWTClaimsSet claims(String userId, String role, String issuer, String audience, Instant expiry) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(userId)
                .claim("sid", UUID.randomUUID().toString())
                .claim("role", role)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(expiry.minus(Duration.ofMinutes(15))))
                .expirationTime(Date.from(expiry))
                .build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String serveJwks() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/.well-known/jwks.json", exchange -> {
                JWKS_FETCHES.incrementAndGet();
                if (!jwksAvailable) {
                    exchange.sendResponseHeaders(503, -1);
                    exchange.close();
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
