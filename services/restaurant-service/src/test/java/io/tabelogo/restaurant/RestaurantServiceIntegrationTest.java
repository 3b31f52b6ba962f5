package io.tabelogo.restaurant;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.tabelogo.platformtest.ServiceHttpClient;
import io.tabelogo.platformtest.TestClock;
import io.tabelogo.platformtest.TestRedis;
import io.tabelogo.platformtest.TestTokens;
import io.tabelogo.platformtest.WithPostgres;
import io.tabelogo.platformtest.WithRedis;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * restaurant-service running for real: HTTP and gRPC on random ports, its own PostgreSQL database and redis-server
 * (behind a fault proxy), access tokens verified against a local JWKS. Every integration test extends this, so
 * they share one application; tests create their own restaurants (unique names) instead of expecting an empty
 * table.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.grpc.server.port=0",
            // Tests reason about Redis; RestaurantCacheIntegrationTest covers the in-memory level with its own TTL.
            "tabelogo.restaurant.cache.l1-ttl=0s",
            // Events are picked up within 0.1 s, and taken over from a "crashed" consumer after 2 s.
            "tabelogo.restaurant.tabelog.poll-interval=100ms",
            "tabelogo.restaurant.tabelog.claim-idle=2s",
        })
@WithPostgres
@WithRedis(faultProxy = true)
@Import(TestClock.AsTheClock.class)
public abstract class RestaurantServiceIntegrationTest implements ServiceHttpClient {

    protected static final TestTokens TOKENS = TestTokens.start();
    protected static final FakeMapService MAP = FakeMapService.start();

    @DynamicPropertySource
    static void tokensAndMap(DynamicPropertyRegistry properties) {
        properties.add("tabelogo.security.jwt.jwks-uri", TOKENS::jwksUri);
        properties.add("spring.grpc.client.channels.map.address", MAP::address);
        // restaurant-service calls map-service as itself: its service tokens come from the fake of auth-service.
        properties.add("tabelogo.security.service-token.uri", TOKENS::serviceTokenUri);
        properties.add("tabelogo.security.service-token.secret", () -> TestTokens.CLIENT_SECRET);
    }

    @Autowired
    protected TestClock clock;

    @Autowired
    protected JdbcClient jdbc;

    /** The service's own Redis database, for the test's hand (seeding, inspecting) rather than the service's user. */
    protected StringRedisTemplate redis;

    @Autowired
    void useTestRedis(TestRedis testRedis) {
        redis = testRedis.database(0);
    }

    @LocalServerPort
    int port;

    /** This test's user, and an admin. */
    protected final UUID userId = UUID.randomUUID();

    protected final String[] asUser = bearer(TOKENS.accessToken(userId.toString()));
    protected final String[] asAdmin =
            bearer(TOKENS.adminAccessToken(UUID.randomUUID().toString()));

    @Autowired
    protected CircuitBreakerRegistry breakers;

    @AfterEach
    void calmDown() {
        clock.reset();
        MAP.heal();
        breakers.circuitBreaker("map-grpc").reset();
    }

    @Override
    public int port() {
        return port;
    }

    protected static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** A name no other test uses. */
    protected static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a restaurant as an admin from a JSON body and returns it. */
    protected JsonNode create(String body) {
        HttpResponse<String> created = post("/api/v1/restaurants", "application/json", body, asAdmin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("restaurant");
    }

    /** A manual restaurant with the given name and a few fields set. */
    protected JsonNode createManual(String name) {
        return create("""
                {"name": %s, "source": "manual", "area": "Tokyo", "cuisine_type": "ramen", "rating": 4.1,
                 "price_range": "$$", "latitude": 35.6595, "longitude": 139.7005}""".formatted(JSON.writeValueAsString(name)));
    }
}
