package io.tabelogo.platform.ratelimit;

import java.time.Duration;

/**
 * A token bucket: {@code capacity} requests, refilled greedily over {@code period} (so "60/min" allows a burst of
 * 60 and then one a second). {@code name} is the metric tag and part of the Redis key.
 */
public record RateLimitPolicy(String name, long capacity, Duration period) {

    public RateLimitPolicy {
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("policy name must be lower_snake_case: " + name);
        }
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("capacity and period must be positive: " + name);
        }
    }

    public static RateLimitPolicy perMinute(String name, long requests) {
        return new RateLimitPolicy(name, requests, Duration.ofMinutes(1));
    }
}
