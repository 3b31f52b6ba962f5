package io.tabelogo.spider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.tabelogo.platformtest.SecondInstance;
import io.tabelogo.platformtest.ServiceHttpClient;
import io.tabelogo.platformtest.TestRedis;
import io.tabelogo.platformtest.TestTokens;
import io.tabelogo.platformtest.WithPostgres;
import io.tabelogo.platformtest.WithRedis;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * spider-service running for real: HTTP and gRPC on random ports, its own PostgreSQL database and redis-server
 * (behind a fault proxy), tokens verified against a local JWKS, and Tabelog played by {@link FakeTabelog} on
 * loopback. Every integration test extends this, so they share one application. Tabelog's politeness numbers are
 * scaled down (1,000 requests a minute, backoff from 20 ms) so jobs take milliseconds, with the same logic.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.grpc.server.port=0",
            "tabelogo.spider.workers=2",
            "tabelogo.spider.poll-interval=100ms",
            "tabelogo.spider.lease=3s",
            "tabelogo.spider.stream-poll=50ms",
            "tabelogo.spider.stream-heartbeat=300ms",
            "tabelogo.spider.stream-max-duration=4s",
            "tabelogo.spider.outbox.interval=100ms",
            "tabelogo.spider.outbox.confirm-interval=500ms",
            "tabelogo.retention.batch-size=2", // several batches in SpiderRetentionIntegrationTest
            // Tests of the job machinery start dozens of jobs as one user; ScrapeQuotaIntegrationTest has the defaults.
            "tabelogo.spider.active-jobs-per-user=1000",
            "tabelogo.spider.jobs-per-hour-per-user=1000",
            "tabelogo.spider.streams-per-user=1000",
            "tabelogo.spider.tabelog.rate-per-minute=6000",
            "tabelogo.spider.tabelog.min-rate-per-minute=600",
            "tabelogo.spider.tabelog.backoff=20ms",
            "tabelogo.spider.tabelog.max-backoff=100ms",
            "tabelogo.spider.tabelog.timeout=1s",
            "tabelogo.spider.tabelog.user-agent=TabelogoBot/test (+https://tabelogo.example/bot)",
        })
@WithPostgres
@WithRedis(faultProxy = true)
public abstract class SpiderServiceIntegrationTest implements ServiceHttpClient {

    protected static final TestTokens TOKENS = TestTokens.start();
    protected static final FakeTabelog TABELOG = FakeTabelog.start();
    protected static final String EVENTS = "tabelogo:events:spider";

    @DynamicPropertySource
    static void tokensAndTabelog(DynamicPropertyRegistry properties) {
        properties.add("tabelogo.security.jwt.jwks-uri", TOKENS::jwksUri);
        properties.add(
                "tabelogo.spider.tabelog.base-url", () -> TABELOG.baseUrl().toString());
    }

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected Environment environment;

    /** The service's own Redis database, for the test's hand (seeding, inspecting) rather than the service's user. */
    protected StringRedisTemplate redis;

    @Autowired
    void useTestRedis(TestRedis testRedis) {
        redis = testRedis.database(0);
    }

    @Autowired
    protected CircuitBreakerRegistry breakers;

    @LocalServerPort
    int port;

    protected final String[] asUser =
            bearer(TOKENS.accessToken(UUID.randomUUID().toString()));

    @AfterEach
    void calmTabelog() {
        TABELOG.heal();
        breakers.circuitBreaker("tabelog").reset();
        redis.delete("spider:ratelimit:tabelog");
    }

    @Override
    public int port() {
        return port;
    }

    protected static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** A Google place id no other test uses. */
    protected static String newPlaceId() {
        return "ChIJtest" + UUID.randomUUID().toString().replace("-", "");
    }

    protected HttpResponse<String> scrape(String body) {
        return post("/api/v1/spider/scrape", "application/json", body, asUser);
    }

    /** Asks for a place's restaurants in Shibuya (a new place: 202) and returns the job id. */
    protected String startJob(String googleId, String placeName, int maxResults) {
        HttpResponse<String> accepted = scrape("""
                {"google_id": "%s", "place_name": "%s", "area": "Shibuya", "max_results": %d}""".formatted(googleId, placeName, maxResults));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return json(accepted).get("job_id").asString();
    }

    protected JsonNode job(String jobId) {
        HttpResponse<String> found = get("/api/v1/spider/jobs/" + jobId, asUser);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return json(found);
    }

    /** Waits until the job is COMPLETED or FAILED and returns it. */
    protected JsonNode finished(String jobId) {
        return await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> job(jobId), job -> job.get("status").asString().matches("COMPLETED|FAILED"));
    }

    /** Another spider-service over the same database, Redis and Tabelog, as a second replica would be. */
    protected ConfigurableApplicationContext secondInstance() {
        return secondInstance(Map.of());
    }

    /** The same, with some of the shared settings changed. */
    protected ConfigurableApplicationContext secondInstance(Map<String, String> changed) {
        List<String> shared = List.of(
                "spring.datasource.url",
                "spring.datasource.username",
                "spring.datasource.password",
                "spring.data.redis.url",
                "tabelogo.redis.shared-url",
                "tabelogo.security.jwt.jwks-uri",
                "tabelogo.spider.tabelog.base-url",
                "tabelogo.spider.workers",
                "tabelogo.spider.poll-interval",
                "tabelogo.spider.lease",
                "tabelogo.spider.active-jobs-per-user",
                "tabelogo.spider.jobs-per-hour-per-user",
                "tabelogo.spider.streams-per-user",
                "tabelogo.spider.outbox.interval",
                "tabelogo.spider.tabelog.rate-per-minute",
                "tabelogo.spider.tabelog.min-rate-per-minute",
                "tabelogo.spider.tabelog.backoff",
                "tabelogo.spider.tabelog.max-backoff",
                "tabelogo.spider.tabelog.timeout");
        return SecondInstance.start(SpiderServiceApplication.class, environment, shared, changed);
    }
}
