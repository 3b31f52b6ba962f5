package io.tabelogo.platformtest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test a {@link PrivateRedisServer} of its own, stopped afterwards.
 *
 * <p>Plain JUnit test: one server per test class, injectable as a parameter. Spring test: one per application
 * context, exposed as {@code spring.data.redis.url} (db 0) and {@code tabelogo.redis.shared-url} (db 5) and as the
 * bean {@code privateRedisServer}, so chaos tests can stop and restart it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RedisExtension.class)
public @interface WithRedis {

    /**
     * Spring tests only: the application reaches the server through a {@link FaultProxy} (bean
     * {@code redisFaultProxy}), so a test can add latency or cut connections without stopping Redis.
     */
    boolean faultProxy() default false;
}
