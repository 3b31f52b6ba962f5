package io.tabelogo.platform.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.redis.RedisGuard;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Per-client token buckets kept in Redis (Bucket4j, compare-and-swap over Lettuce), so every replica draws from
 * the same bucket. When Redis cannot answer (the {@code redis} breaker), requests are let through, counted in
 * {@code <prefix>_rate_limit_failopen_total} and logged: a broken limiter must not take the service down.
 */
public class RedisRateLimiter implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);

    static final Duration SYNC_PERIOD = Duration.ofSeconds(1);
    private static final long LOCAL_BUCKETS = 100_000;

    private final LettuceConnectionFactory redis;
    private final RedisGuard guard;
    private final MeterRegistry meters;
    private final String metricPrefix;
    private final Counter failOpen;
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
    private final AtomicBoolean failingOpen = new AtomicBoolean();
    private volatile Buckets buckets;

    public RedisRateLimiter(
            LettuceConnectionFactory redis, RedisGuard guard, MeterRegistry meters, String metricPrefix) {
        this.redis = redis;
        this.guard = guard;
        this.meters = meters;
        this.metricPrefix = metricPrefix;
        this.failOpen = Counter.builder(metricPrefix + ".rate_limit.failopen")
                .description("Requests let through because the rate limiter could not reach Redis")
                .register(meters);
    }

    /** Registers the policy's rejection counter at zero, so dashboards see it before the first 429. */
    public RateLimitPolicy register(RateLimitPolicy policy) {
        rejectionCounter(policy);
        return policy;
    }

    /**
     * Opens the limiter's Redis connection once the application is ready, before a request needs it: opened by the
     * first request instead, on a cold JVM, it can take longer than the command timeout, and that request passes
     * unlimited (an e2e run saw the gateway's first login after start-up fail open this way).
     */
    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        if (rejections.isEmpty()) {
            return; // no policy registered: this service limits nothing (and its Redis user may not reach our keys)
        }
        guard.call(
                () -> buckets()
                        .proxy()
                        .getProxyConfiguration((metricPrefix + ":ratelimit:connect").getBytes(StandardCharsets.UTF_8))
                        .isPresent(),
                () -> false);
    }

    /** Takes one token from {@code key}'s bucket under {@code policy}. */
    public RateLimitDecision tryConsume(RateLimitPolicy policy, String key) {
        RateLimitDecision decision = guard.call(() -> consume(policy, key), () -> null);
        if (decision == null) {
            failOpen.increment();
            if (failingOpen.compareAndSet(false, true)) {
                log.warn("Rate limiter cannot reach Redis: letting requests through until it can");
            }
            return RateLimitDecision.failOpen(policy);
        }
        if (failingOpen.compareAndSet(true, false)) {
            log.info("Rate limiter reaches Redis again: limiting requests");
        }
        if (!decision.allowed()) {
            rejectionCounter(policy).increment();
        }
        return decision;
    }

    private RateLimitDecision consume(RateLimitPolicy policy, String key) {
        ConsumptionProbe probe = buckets()
                .bucket(policy, metricPrefix + ":ratelimit:" + policy.name() + ":" + key) // the service's own prefix
                .tryConsumeAndReturnRemaining(1);
        return new RateLimitDecision(
                probe.isConsumed(),
                policy.capacity(),
                probe.getRemainingTokens(),
                ceilSeconds(probe.getNanosToWaitForReset()),
                probe.isConsumed() ? 0 : Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill())),
                false);
    }

    private static BucketConfiguration configuration(RateLimitPolicy policy) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(policy.capacity()).refillGreedy(policy.capacity(), policy.period()))
                .build();
    }

    /**
     * The buckets over Spring's current Redis client (same URL, 200 ms timeout, fail-fast options). Rebuilt when
     * the connection factory was stopped and started again (a paused test context, a refreshed one): the old
     * client is shut down then, and Bucket4j's connection with it.
     */
    private Buckets buckets() {
        if (!(redis.getRequiredNativeClient() instanceof RedisClient client)) {
            throw new IllegalStateException("the rate limiter supports a standalone Redis only");
        }
        Buckets current = buckets;
        if (current == null || current.client() != client) {
            synchronized (this) {
                current = buckets;
                if (current == null || current.client() != client) {
                    current = new Buckets(
                            client,
                            Bucket4jLettuce.casBasedBuilder(client)
                                    .expirationAfterWrite(
                                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                                    Duration.ofSeconds(10)))
                                    .build(),
                            Caffeine.newBuilder()
                                    .maximumSize(LOCAL_BUCKETS)
                                    .expireAfterAccess(Duration.ofMinutes(2))
                                    .build());
                    buckets = current;
                }
            }
        }
        return current;
    }

    /**
     * Buckets in Redis, each with a local copy in this replica (Bucket4j's delaying optimization): a request is
     * answered from the copy, which is synchronised with Redis once {@link #SYNC_PERIOD} has passed or a twentieth
     * of the capacity was taken locally. So a busy client costs a Redis round trip now and then instead of two per
     * request, and replicas together can exceed a limit by at most a twentieth of it each between synchronisations.
     */
    private record Buckets(RedisClient client, ProxyManager<byte[]> proxy, Cache<String, Bucket> local) {

        Bucket bucket(RateLimitPolicy policy, String redisKey) {
            return local.get(
                    redisKey,
                    k -> proxy.builder()
                            .withOptimization(Optimizations.delaying(
                                    new DelayParameters(Math.max(1, policy.capacity() / 20), SYNC_PERIOD)))
                            .build(k.getBytes(StandardCharsets.UTF_8), () -> configuration(policy)));
        }
    }

    private Counter rejectionCounter(RateLimitPolicy policy) {
        return rejections.computeIfAbsent(
                policy.name(),
                name -> Counter.builder(metricPrefix + ".rate_limit.rejections")
                        .description("Requests refused with 429")
                        .tag("policy", name)
                        .register(meters));
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
