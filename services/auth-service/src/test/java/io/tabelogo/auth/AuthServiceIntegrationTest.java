package io.tabelogo.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platformtest.ServiceHttpClient;
import io.tabelogo.platformtest.TestClock;
import io.tabelogo.platformtest.WithPostgres;
import io.tabelogo.platformtest.WithRedis;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;

/**
 * auth-service running for real (HTTP and gRPC on random ports, its own database and redis-server). Every
 * integration test extends this, so they share one application; tests use unique emails instead of an empty table.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.grpc.server.port=0",
            "tabelogo.auth.tokens.key-password=test-only-key-password",
            "tabelogo.auth.service-tokens.clients=restaurant-service:" + AuthServiceIntegrationTest.SERVICE_SECRET
                    + ",spider-service:another-secret"
        })
@WithPostgres
@WithRedis
@Import(TestClock.AsTheClock.class)
public abstract class AuthServiceIntegrationTest implements ServiceHttpClient {

    /** restaurant-service's client secret in these tests. */
    protected static final String SERVICE_SECRET = "restaurant-service-test-secret";

    /** A password every account rule accepts. */
    protected static final String PASSWORD = "ramen-Lover1";

    @Autowired
    protected TestClock clock;

    @LocalServerPort
    int port;

    @Autowired
    protected JdbcClient jdbc;

    @AfterEach
    void timeBackToNow() {
        clock.reset();
    }

    @Override
    public int port() {
        return port;
    }

    /** An email no other test uses. */
    protected static String uniqueEmail(String name) {
        return name + "+" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    protected long accountsWithEmail(String email) {
        return jdbc.sql("SELECT count(*) FROM users WHERE email = lower(btrim(?))")
                .param(email)
                .query(Long.class)
                .single();
    }

    protected HttpResponse<String> register(String email, String password, String username) {
        return post("/api/v1/auth/register", "application/json", registration(email, password, username));
    }

    protected static String registration(String email, String password, String username) {
        return """
                {"email": %s, "password": %s, "username": %s}""".formatted(quoted(email), quoted(password), quoted(username));
    }

    private static String quoted(String value) {
        return value == null ? "null" : JSON.writeValueAsString(value);
    }

    protected HttpResponse<String> login(String email, String password) {
        return post(
                "/api/v1/auth/login",
                "application/json",
                "{\"email\": %s, \"password\": %s}"
                        .formatted(JSON.writeValueAsString(email), JSON.writeValueAsString(password)));
    }

    /** A new account, logged in: the login answer (tokens and user). */
    protected JsonNode loggedIn(String name) {
        String email = uniqueEmail(name);
        assertThat(register(email, PASSWORD, name).statusCode()).isEqualTo(201);
        var response = login(email, PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response);
    }

    protected static String[] bearer(String accessToken) {
        return new String[] {"Authorization", "Bearer " + accessToken};
    }

    /** Verifies tokens the way other services do: from the published JWKS, RS256, issuer and audience checked. */
    protected NimbusJwtDecoder verifier() {
        var decoder = NimbusJwtDecoder.withJwkSetUri("http://127.0.0.1:" + port() + "/.well-known/jwks.json")
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer("tabelogo-auth"),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains("tabelogo"))));
        return decoder;
    }

    /** Lets concurrent attempts start together. */
    protected static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
