package io.tabelogo.platform.redis;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.ratelimit.RedisRateLimiter;
import io.tabelogo.platform.security.RevokedSessions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Redis defaults: fail-fast Lettuce options, the shared db 5 connection, the {@code redis} guard, the rate limiter. */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@EnableConfigurationProperties({
    RedisAutoConfiguration.RedisSettings.class,
    RedisAutoConfiguration.RateLimitSettings.class
})
public class RedisAutoConfiguration {

    /** @param sharedUrl the shared Redis db (5) */
    @ConfigurationProperties("tabelogo.redis")
    public record RedisSettings(
            @DefaultValue("redis://127.0.0.1:6379/5") URI sharedUrl) {}

    /** @param metricPrefix first part of the limiter's metric names, e.g. {@code gateway} */
    @ConfigurationProperties("tabelogo.rate-limit")
    public record RateLimitSettings(
            @DefaultValue("tabelogo") String metricPrefix) {}

    /** While disconnected, commands fail at once instead of queueing until their timeout. */
    @Bean
    LettuceClientOptionsBuilderCustomizer tabelogoFailFastRedis(DataRedisProperties redis) {
        return builder -> applyFailFast(builder, redis.getConnectTimeout());
    }

    @Bean
    @ConditionalOnMissingBean
    RedisGuard redisGuard(CircuitBreakerRegistry breakers, MeterRegistry meters) {
        return new RedisGuard(breakers.circuitBreaker("redis"), meters);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(LettuceConnectionFactory.class)
    RedisRateLimiter redisRateLimiter(
            LettuceConnectionFactory redis, RedisGuard guard, MeterRegistry meters, RateLimitSettings settings) {
        return new RedisRateLimiter(redis, guard, meters, settings.metricPrefix());
    }

    /** The session denylist check of every token verifier (the platform's decoder picks it up). */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty("tabelogo.security.jwt.enabled")
    RevokedSessions revokedSessions(
            SharedRedis shared, RedisGuard guard, MeterRegistry meters, RateLimitSettings settings) {
        return new RevokedSessions(shared, guard, meters, settings.metricPrefix());
    }

    @Bean
    @ConditionalOnMissingBean
    SharedRedis sharedRedis(RedisSettings settings, DataRedisProperties redis, ClientResources resources) {
        URI url = settings.sharedUrl();
        var options = ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled());
        applyFailFast(options, redis.getConnectTimeout());
        var client = LettuceClientConfiguration.builder()
                .clientResources(resources) // Boot's: same event loops, same command tracing
                .commandTimeout(redis.getTimeout() == null ? Duration.ofMillis(200) : redis.getTimeout())
                .clientOptions(options.build());
        if ("rediss".equalsIgnoreCase(url.getScheme())) {
            client.useSsl();
        }
        var factory = new LettuceConnectionFactory(
                LettuceConnectionFactory.createRedisConfiguration(url.toString()), client.build());
        factory.afterPropertiesSet();
        factory.start();
        return new SharedRedis(factory);
    }

    /** After an outage, reconnect within about 2 s of Redis being back (Lettuce backs off to 30 s by default). */
    @Bean
    ClientResourcesBuilderCustomizer tabelogoQuickRedisReconnect() {
        return builder -> builder.reconnectDelay(
                Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
    }

    private static void applyFailFast(ClientOptions.Builder builder, Duration connectTimeout) {
        builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        if (connectTimeout != null) {
            builder.socketOptions(
                    SocketOptions.builder().connectTimeout(connectTimeout).build());
        }
    }
}
