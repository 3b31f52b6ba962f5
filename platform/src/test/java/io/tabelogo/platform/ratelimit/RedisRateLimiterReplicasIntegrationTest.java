package io.tabelogo.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tabelogo.platform.redis.RedisGuard;
import io.tabelogo.platformtest.PrivateRedisServer;
import io.tabelogo.platformtest.WithRedis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Two replicas, each with its own limiter and local bucket copies, against one real Redis. */
@WithRedis
class RedisRateLimiterReplicasIntegrationTest {

    private final List<LettuceConnectionFactory> connections = new ArrayList<>();

    @AfterEach
    void close() {
        connections.forEach(LettuceConnectionFactory::destroy);
    }

    @Test
    void replicasDrawFromOneBucketOvershootingByAtMostATwentiethOfItEach(PrivateRedisServer redis) {
        RedisRateLimiter first = replica(redis);
        RedisRateLimiter second = replica(redis);
        RateLimitPolicy policy = RateLimitPolicy.perMinute("shared", 40);

        int allowed = 0;
        for (int i = 0; i < 80; i++) {
            RedisRateLimiter replica = i % 2 == 0 ? first : second;
            if (replica.tryConsume(policy, "198.51.100.1").allowed()) {
                allowed++;
            }
        }

        // 40, plus 2 (a twentieth) per replica between synchronisations, plus a token refilled meanwhile.
        assertThat(allowed).isBetween(40, 45);
    }

    private RedisRateLimiter replica(PrivateRedisServer redis) {
        var factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
        factory.afterPropertiesSet();
        factory.start();
        connections.add(factory);
        var meters = new SimpleMeterRegistry();
        return new RedisRateLimiter(
                factory, new RedisGuard(CircuitBreaker.ofDefaults("redis"), meters), meters, "test");
    }
}
