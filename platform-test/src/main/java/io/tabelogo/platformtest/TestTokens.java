package io.tabelogo.platformtest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Access tokens as auth-service issues them (RS256, issuer {@code tabelogo-auth}, audience {@code tabelogo}, a
 * {@code sid}), and service tokens, signed with a test key whose JWKS a real local HTTP server publishes, for
 * services that verify tokens without running auth-service (a fake of auth-service, for tests). Point
 * {@code tabelogo.security.jwt.jwks-uri} at {@link #jwksUri()}; a service that gets its own service tokens points
 * {@code tabelogo.security.service-token.uri} at {@link #serviceTokenUri()} with secret {@link #CLIENT_SECRET}.
 */
public final class TestTokens {

    /** The client secret the fake service-token endpoint accepts from any client. */
    public static final String CLIENT_SECRET = "test-client-secret";

    private static final Pattern FIELD = Pattern.compile("\"(client_id|client_secret|audience)\"\\s*:\\s*\"([^\"]*)\"");

    private final RSAKey key;
    private final HttpServer server;
    private final AtomicInteger serviceTokensIssued = new AtomicInteger();

    private TestTokens(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
    }

    /** Starts the JWKS server on a free loopback port; it lives as long as the test JVM (daemon thread). */
    public static TestTokens start() {
        try {
            RSAKey key =
                    new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            TestTokens tokens = new TestTokens(key, server);
            server.createContext("/internal/v1/service-tokens", tokens::serviceTokenEndpoint);
            server.start();
            return tokens;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    /** Where a service asks for its service tokens (as auth-service's endpoint answers: JSON in, JSON out). */
    public String serviceTokenUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/internal/v1/service-tokens";
    }

    /** How many service tokens the fake endpoint handed out. */
    public int serviceTokensIssued() {
        return serviceTokensIssued.get();
    }

    /** A valid 10-minute service token: {@code clientId} calling {@code audience}. */
    public String serviceToken(String clientId, String audience) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(clientId)
                .issuer("tabelogo-auth")
                .audience(List.of(audience))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .claim("token_use", "service")
                .build();
        return signed(claims);
    }

    /** A valid 15-minute access token of {@code userId} in session {@code sessionId}. */
    public String accessTokenOfSession(String userId, String sessionId) {
        return sign(userId, "user", sessionId, Instant.now().plus(Duration.ofMinutes(15)));
    }

    /** A valid 15-minute access token of {@code userId} with role {@code user}. */
    public String accessToken(String userId) {
        return sign(userId, "user", Instant.now().plus(Duration.ofMinutes(15)));
    }

    /** A valid 15-minute access token of {@code userId} with role {@code admin}. */
    public String adminAccessToken(String userId) {
        return sign(userId, "admin", Instant.now().plus(Duration.ofMinutes(15)));
    }

    public String expiredAccessToken(String userId) {
        return sign(userId, "user", Instant.now().minus(Duration.ofMinutes(1)));
    }

    private String sign(String userId, String role, Instant expiresAt) {
        return sign(userId, role, UUID.randomUUID().toString(), expiresAt);
    }

    private String sign(String userId, String role, String sessionId, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .issuer("tabelogo-auth")
                .audience(List.of("tabelogo"))
                .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(15))))
                .expirationTime(Date.from(expiresAt))
                .claim("role", role)
                .claim("sid", sessionId)
                .build();
        return signed(claims);
    }

    private String signed(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private void serviceTokenEndpoint(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> fields = new HashMap<>();
        Matcher field = FIELD.matcher(body);
        while (field.find()) {
            fields.put(field.group(1), field.group(2));
        }
        byte[] answer;
        int status;
        if (CLIENT_SECRET.equals(fields.get("client_secret")) && fields.containsKey("audience")) {
            serviceTokensIssued.incrementAndGet();
            status = 200;
            answer = ("{\"access_token\":\"" + serviceToken(fields.get("client_id"), fields.get("audience"))
                            + "\",\"token_type\":\"Bearer\",\"expires_in\":600}")
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            status = 401;
            answer = "{\"code\":\"AUTH_CLIENT_INVALID\"}".getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }
}
