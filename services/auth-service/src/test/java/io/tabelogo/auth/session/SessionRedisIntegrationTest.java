package io.tabelogo.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.tabelogo.auth.AuthServiceIntegrationTest;
import io.tabelogo.platformtest.PrivateRedisServer;
import io.tabelogo.platformtest.TestRedis;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/** Redis only caches and tells the gateway: with it stopped every flow still works, and it catches up after. */
class SessionRedisIntegrationTest extends AuthServiceIntegrationTest {

    @Autowired
    PrivateRedisServer redis;

    @Autowired
    TestRedis testRedis;

    @Autowired
    StringRedisTemplate own;

    @Autowired
    SessionRevocation revocation;

    @Autowired
    CircuitBreakerRegistry breakers;

    @AfterEach
    void redisBack() {
        redis.startAgain();
        breakers.circuitBreaker("redis").reset();
    }

    @Test
    void logoutPutsTheSessionOnTheGatewaysDenylistForOneTokenLifetime() {
        JsonNode tokens = loggedIn("denied");
        String sid = sessionOf(tokens);
        get("/api/v1/auth/me", bearer(tokens)); // caches the open session
        assertThat(own.opsForValue().get("auth:session-open:" + sid)).isEqualTo("1");

        post("/api/v1/auth/logout", "application/json", "", bearer(tokens));

        Long ttl = testRedis.database(5).getExpire("auth:revoked-session:" + sid, TimeUnit.SECONDS);
        assertThat(ttl).isBetween(890L, 900L);
        assertThat(own.opsForValue().get("auth:session-open:" + sid))
                .as("an ended-session tombstone")
                .isEqualTo("0");
        assertThat(own.hasKey("auth:revoked-session:" + sid))
                .as("the denylist is in db 5, not db 0")
                .isFalse();
    }

    @Test
    void withRedisStoppedEveryFlowStillWorksAndTheDenylistCatchesUpAfter() {
        redis.stop();

        String email = uniqueEmail("no-redis");
        assertThat(register(email, PASSWORD, "no-redis").statusCode()).isEqualTo(201);
        JsonNode tokens = json(login(email, PASSWORD));
        assertThat(get("/api/v1/auth/me", bearer(tokens)).statusCode()).isEqualTo(200);
        var refreshed = post(
                "/api/v1/auth/refresh",
                "application/json",
                "{\"refresh_token\": \"" + tokens.get("refresh_token").asString() + "\"}");
        assertThat(refreshed.statusCode()).isEqualTo(200);
        JsonNode current = json(refreshed);
        assertThat(post("/api/v1/auth/logout", "application/json", "", bearer(current))
                        .statusCode())
                .isEqualTo(204);
        assertProblem(get("/api/v1/auth/validate", bearer(current)), 401, "AUTH_SESSION_REVOKED");

        redis.startAgain();
        breakers.circuitBreaker("redis").reset();
        Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
            revocation.republishRecent(); // what the 30 s schedule does
            assertThat(testRedis.database(5).hasKey("auth:revoked-session:" + sessionOf(tokens)))
                    .isTrue();
        });
    }

    private String sessionOf(JsonNode tokens) {
        return verifier().decode(tokens.get("access_token").asString()).getClaimAsString("sid");
    }

    private static String[] bearer(JsonNode tokens) {
        return bearer(tokens.get("access_token").asString());
    }
}
