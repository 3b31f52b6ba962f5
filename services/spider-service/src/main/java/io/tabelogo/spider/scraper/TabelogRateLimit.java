package io.tabelogo.spider.scraper;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.redis.RedisGuard;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * One request rate towards Tabelog for all replicas: a token bucket in Redis holding at most one token,
 * refilled at the current rate, which is halved on every 429 (down to a floor) and grows by a tenth on every
 * success (up to the base rate). The bucket and the rate live in one hash changed by one script, so replicas agree
 * on both; the script reads Redis' clock, so replica clocks do not matter. A caller reserves the next slot and
 * sleeps until it comes, so waiting callers are served in order without polling Redis.
 *
 * <p>When Redis cannot answer, each replica spaces its own requests at the last rate it knew: still polite, only
 * no longer shared.
 */
class TabelogRateLimit {

    private static final Logger log = LoggerFactory.getLogger(TabelogRateLimit.class);
    static final String KEY = "spider:ratelimit:tabelog";

    // KEYS[1] the bucket; ARGV: operation (reserve | slow_down | recover), base rate, floor rate, factor.
    // Returns {milliseconds to wait before the reserved request, the rate per minute now}.
    private static final RedisScript<List> SCRIPT = RedisScript.of("""
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'rate')
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local base, floor, factor = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
            -- clamped: the configured rates may have changed since the hash was written
            local rate = math.min(base, math.max(floor, tonumber(state[3]) or base))
            local tokens = tonumber(state[1]) or 1
            local at = tonumber(state[2]) or now
            tokens = math.min(1, tokens + (now - at) * rate / 60000)
            local wait = 0
            if ARGV[1] == 'reserve' then
              tokens = tokens - 1
              if tokens < 0 then wait = math.ceil(-tokens * 60000 / rate) end
            elseif ARGV[1] == 'slow_down' then
              rate = math.max(floor, rate * factor)
            else
              rate = math.min(base, rate * factor)
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now, 'rate', tostring(rate))
            redis.call('PEXPIRE', KEYS[1], 600000)
            return {wait, tostring(rate)}
            """, List.class);

    private final StringRedisTemplate redis;
    private final RedisGuard guard;
    private final ScraperSettings settings;
    private volatile double rate;
    private long nextLocalSlot = System.nanoTime();

    TabelogRateLimit(StringRedisTemplate redis, RedisGuard guard, ScraperSettings settings, MeterRegistry meters) {
        this.redis = redis;
        this.guard = guard;
        this.settings = settings;
        this.rate = settings.ratePerMinute();
        Gauge.builder("spider.rate.limit.per.minute", this, limit -> limit.rate)
                .description("Requests per minute currently allowed towards Tabelog (shared by replicas)")
                .register(meters);
    }

    /** Blocks until this replica may send one request to Tabelog. */
    void acquire() throws InterruptedException {
        Long waitMillis = guard.call(() -> run("reserve", 1), () -> null);
        long waitNanos = waitMillis != null ? TimeUnit.MILLISECONDS.toNanos(waitMillis) : reserveLocally();
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }

    /** Tabelog answered 429. */
    void slowDown() {
        double before = rate;
        guard.call(() -> run("slow_down", settings.slowDownFactor()), () -> {
            rate = Math.max(settings.minRatePerMinute(), rate * settings.slowDownFactor());
            return null;
        });
        log.warn("Tabelog answered 429: request rate {} -> {} per minute", round(before), round(rate));
    }

    /** Tabelog answered a request. */
    void recover() {
        if (rate < settings.ratePerMinute()) {
            guard.call(() -> run("recover", settings.recoveryFactor()), () -> {
                rate = Math.min(settings.ratePerMinute(), rate * settings.recoveryFactor());
                return null;
            });
        }
    }

    double ratePerMinute() {
        return rate;
    }

    private Long run(String operation, double factor) {
        List<?> answer = redis.execute(
                SCRIPT,
                List.of(KEY),
                operation,
                Double.toString(settings.ratePerMinute()),
                Double.toString(settings.minRatePerMinute()),
                Double.toString(factor));
        rate = Double.parseDouble(answer.get(1).toString());
        return ((Number) answer.get(0)).longValue();
    }

    private synchronized long reserveLocally() {
        long now = System.nanoTime();
        long slot = Math.max(now, nextLocalSlot);
        nextLocalSlot = slot + (long) (Duration.ofMinutes(1).toNanos() / rate);
        return slot - now;
    }

    private static String round(double perMinute) {
        return String.format("%.1f", perMinute);
    }
}
