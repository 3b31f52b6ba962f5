package io.tabelogo.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.tabelogo.platformtest.ServiceHttpClient;
import io.tabelogo.platformtest.TestRedis;
import io.tabelogo.platformtest.TestTokens;
import io.tabelogo.platformtest.WithRedis;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway running for real on random ports (public and management), in front of four {@link FakeService}s,
 * with its own redis-server behind a fault proxy and tokens verified against a local JWKS. Every gateway
 * integration test extends this, so they share one application.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "tabelogo.gateway.restaurant.timeout=1s",
            "tabelogo.gateway.spider.max-concurrent-requests=2",
            "tabelogo.gateway.request-body-timeout=1s",
            "tabelogo.security.cors-allowed-origins=https://app.tabelogo.example",
            "tabelogo.gateway.rate-limit.anonymous-per-minute=1000",
            "resilience4j.circuitbreaker.instances.upstream-map.minimum-number-of-calls=4",
            "resilience4j.circuitbreaker.instances.upstream-map.sliding-window-size=4",
        })
@WithRedis(faultProxy = true)
public abstract class GatewayIntegrationTest implements ServiceHttpClient {

    protected static final TestTokens TOKENS = TestTokens.start();
    protected static final FakeService AUTH = FakeService.start();
    protected static final FakeService MAP = FakeService.start();
    protected static final FakeService RESTAURANT = FakeService.start();
    protected static final FakeService SPIDER = FakeService.start();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry properties) {
        properties.add("tabelogo.security.jwt.jwks-uri", TOKENS::jwksUri);
        properties.add("tabelogo.gateway.auth.url", () -> AUTH.url().toString());
        properties.add("tabelogo.gateway.map.url", () -> MAP.url().toString());
        properties.add("tabelogo.gateway.restaurant.url", () -> RESTAURANT.url().toString());
        properties.add("tabelogo.gateway.spider.url", () -> SPIDER.url().toString());
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    protected int managementPort;

    /** The service's own Redis database, for the test's hand (seeding, inspecting) rather than the service's user. */
    protected StringRedisTemplate redis;

    @Autowired
    void useTestRedis(TestRedis testRedis) {
        redis = testRedis.database(0);
    }

    @Autowired
    protected CircuitBreakerRegistry breakers;

    @AfterEach
    void healServices() {
        for (FakeService service : List.of(AUTH, MAP, RESTAURANT, SPIDER)) {
            service.heal();
        }
        breakers.getAllCircuitBreakers().forEach(breaker -> breaker.reset());
    }

    @Override
    public int port() {
        return port;
    }

    protected static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** The session id ({@code sid}) inside an access token. */
    protected static String sessionOf(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return JSON.readTree(payload).get("sid").asString();
    }

    /** The gateway's own /metrics, from the management port. */
    protected String managementMetrics() {
        HttpResponse<String> metrics = send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + managementPort + "/metrics"))
                .build());
        return metrics.body();
    }

    protected double managementMetricSum(String name) {
        return managementMetrics()
                .lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
