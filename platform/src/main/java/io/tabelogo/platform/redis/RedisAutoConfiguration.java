package io.tabelogo.platform.redis;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.ratelimit.RedisRateLimiter;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
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

    @Bean
    @ConditionalOnMissingBean
    SharedRedis sharedRedis(RedisSettings settings, DataRedisProperties redis) {
        URI url = settings.sharedUrl();
        var server = new RedisStandaloneConfiguration(url.getHost(), url.getPort() < 0 ? 6379 : url.getPort());
        String path = url.getPath() == null ? "" : url.getPath().replace("/", "");
        server.setDatabase(path.isEmpty() ? 5 : Integer.parseInt(path));
        if (url.getUserInfo() != null) {
            String[] user = url.getUserInfo().split(":", 2);
            if (user.length == 2) {
                server.setUsername(user[0].isEmpty() ? null : user[0]);
                server.setPassword(user[1]);
            } else {
                server.setPassword(user[0]);
            }
        }
        Duration timeout = redis.getTimeout() == null ? Duration.ofMillis(200) : redis.getTimeout();
        var options = ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled());
        applyFailFast(options, redis.getConnectTimeout());
        var client = LettuceClientConfiguration.builder()
                .commandTimeout(timeout)
                .clientOptions(options.build())
                .build();
        var factory = new LettuceConnectionFactory(server, client);
        factory.afterPropertiesSet();
        factory.start();
        return new SharedRedis(factory);
    }

    private static void applyFailFast(ClientOptions.Builder builder, Duration connectTimeout) {
        builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        if (connectTimeout != null) {
            builder.socketOptions(
                    SocketOptions.builder().connectTimeout(connectTimeout).build());
        }
    }
}
