package io.tabelogo.platform.redis;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Redis may be down": runs a Redis call through the Resilience4j breaker named {@code redis} and answers with
 * the caller's fallback when the call fails or the breaker is open, so caches and rate limiters degrade instead
 * of failing requests. Only Redis failures (connection, timeout, command errors) count towards opening the
 * breaker. Fallbacks are counted in {@code redis_guard_fallbacks_total{reason}}.
 */
public class RedisGuard {

    private static final Logger log = LoggerFactory.getLogger(RedisGuard.class);

    private final CircuitBreaker breaker;
    private final Counter failures;
    private final Counter rejections;

    public RedisGuard(CircuitBreaker breaker, MeterRegistry meters) {
        this.breaker = breaker;
        this.failures = Counter.builder("redis.guard.fallbacks")
                .description("Redis calls answered by a fallback")
                .tag("reason", "failure")
                .register(meters);
        this.rejections = Counter.builder("redis.guard.fallbacks")
                .description("Redis calls answered by a fallback")
                .tag("reason", "circuit_open")
                .register(meters);
        breaker.getEventPublisher()
                .onStateTransition(event -> log.warn("Redis circuit breaker {}", event.getStateTransition()));
    }

    public <T> T call(Supplier<T> redisCall, Supplier<T> fallback) {
        try {
            return breaker.executeSupplier(redisCall);
        } catch (CallNotPermittedException open) {
            rejections.increment();
            return fallback.get();
        } catch (RuntimeException failure) {
            failures.increment();
            if (breaker.getCircuitBreakerConfig().getRecordExceptionPredicate().test(failure)) {
                log.debug("Redis call failed, using the fallback: {}", failure.toString());
            } else {
                // Not Redis being down (the breaker ignores it): a bug worth a stack trace, still degraded gracefully.
                log.error("Redis call failed for a reason other than Redis, using the fallback", failure);
            }
            return fallback.get();
        }
    }

    /** For writes whose loss is acceptable (cache fills, invalidations retried by TTL). */
    public void run(Runnable redisCall) {
        call(
                () -> {
                    redisCall.run();
                    return null;
                },
                () -> null);
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }
}
