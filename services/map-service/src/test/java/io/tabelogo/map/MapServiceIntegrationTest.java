package io.tabelogo.map;

import io.tabelogo.map.provider.offline.OfflineFaults;
import io.tabelogo.platformtest.ServiceHttpClient;
import io.tabelogo.platformtest.TestClock;
import io.tabelogo.platformtest.TestRedis;
import io.tabelogo.platformtest.TestTokens;
import io.tabelogo.platformtest.WithRedis;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * map-service running for real, with the offline provider unless a subclass says otherwise: HTTP and gRPC on random ports, its own redis-server
 * behind a fault proxy, access tokens verified against a local JWKS. Every offline integration test extends this,
 * so they share one application. Each test instance is a different client (its own address, sent through the
 * trusted-proxy header) so rate limits of one test never leak into another.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.grpc.server.port=0",
            "tabelogo.http.trusted-proxies=127.0.0.1",
            // Tests reason about what is in Redis; LocalCacheIntegrationTest covers the in-memory level.
            "tabelogo.map.cache.local-ttl=0s",
        })
@WithRedis(faultProxy = true)
@Import(TestClock.AsTheClock.class)
public abstract class MapServiceIntegrationTest implements ServiceHttpClient {

    protected static final TestTokens TOKENS = TestTokens.start();

    /** Shibuya station and about 500 m around it. */
    protected static final String SHIBUYA_RECTANGLE = """
            {"rectangle": {"low": {"latitude": 35.6545, "longitude": 139.6945},
                           "high": {"latitude": 35.6645, "longitude": 139.7065}}}""";

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry properties) {
        properties.add("tabelogo.security.jwt.jwks-uri", TOKENS::jwksUri);
    }

    @Autowired
    protected TestClock clock;

    @Autowired
    protected OfflineFaults faults;

    /** The service's own Redis database, for the test's hand (seeding, inspecting) rather than the service's user. */
    protected StringRedisTemplate redis;

    @Autowired
    void useTestRedis(TestRedis testRedis) {
        redis = testRedis.database(0);
    }

    @LocalServerPort
    int port;

    /** This test's client address. */
    protected final String clientIp = "10." + ThreadLocalRandom.current().nextInt(256) + "."
            + ThreadLocalRandom.current().nextInt(256) + "."
            + ThreadLocalRandom.current().nextInt(1, 255);

    @AfterEach
    void calmDown() {
        clock.reset();
        faults.clear();
    }

    @Override
    public int port() {
        return port;
    }

    protected HttpResponse<String> quickSearch(String body, String... headers) {
        return post("/api/v1/map/quick_search", "application/json", body, withClientIp(headers));
    }

    protected HttpResponse<String> advanceSearch(String body, String... headers) {
        return post("/api/v1/map/advance_search", "application/json", body, withClientIp(headers));
    }

    protected static String quickSearchBody(String placeId) {
        return "{\"place_id\": \"" + placeId + "\", \"language_code\": \"en\"}";
    }

    protected static String advanceSearchBody(String text, int max) {
        return "{\"text_query\": \"" + text + "\", \"location_bias\": " + SHIBUYA_RECTANGLE + ", \"max_result_count\": "
                + max + ", \"rank_preference\": \"RELEVANCE\", \"language_code\": \"en\"}";
    }

    /** An id from the offline dataset that no other test uses (the first result of a distinct search). */
    protected String someOfflinePlaceId(String text) {
        HttpResponse<String> found = advanceSearch(advanceSearchBody(text, 1));
        return json(found).path("places").get(0).path("id").asString();
    }

    /** Drops every cached copy of a place, so a test starts from a miss whatever ran before it. */
    protected void forgetCached(String placeId) {
        var keys = redis.keys("map:place:" + placeId + ":*");
        if (!keys.isEmpty()) {
            redis.delete(keys);
        }
    }

    private String[] withClientIp(String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "X-Forwarded-For";
        all[1] = clientIp;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return all;
    }
}
