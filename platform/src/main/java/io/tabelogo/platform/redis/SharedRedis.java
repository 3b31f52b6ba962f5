package io.tabelogo.platform.redis;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The connection to the shared Redis db 5 (session denylist, event streams), next to the service's own db that
 * Spring Boot configures. Not a {@code RedisConnectionFactory} bean on purpose: that would switch Boot's own off.
 */
public class SharedRedis implements DisposableBean {

    private final LettuceConnectionFactory connectionFactory;
    private final StringRedisTemplate template;

    public SharedRedis(LettuceConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
        this.template = new StringRedisTemplate(connectionFactory);
    }

    public StringRedisTemplate template() {
        return template;
    }

    @Override
    public void destroy() {
        connectionFactory.destroy();
    }
}
