package io.tabelogo.map.provider.offline;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Latency and errors the offline provider adds to its calls ({@code TABELOGO_MAP_OFFLINE_LATENCY_MS=min-max},
 * {@code TABELOGO_MAP_OFFLINE_ERROR_RATE}), so load tests and chaos drills see a provider that behaves like a
 * remote one. Changeable at runtime (tests use this).
 */
public class OfflineFaults {

    private volatile long minLatencyMs;
    private volatile long maxLatencyMs;
    private volatile double errorRate;

    public OfflineFaults(long minLatencyMs, long maxLatencyMs, double errorRate) {
        set(minLatencyMs, maxLatencyMs, errorRate);
    }

    /** @param latencyMs {@code min-max} or a single number of milliseconds */
    public static OfflineFaults parse(String latencyMs, double errorRate) {
        String[] bounds = latencyMs.strip().split("\\s*-\\s*", -1);
        try {
            long min = Long.parseLong(bounds[0]);
            long max = bounds.length == 2 ? Long.parseLong(bounds[1]) : min;
            if (bounds.length > 2) {
                throw new NumberFormatException();
            }
            return new OfflineFaults(min, max, errorRate);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "TABELOGO_MAP_OFFLINE_LATENCY_MS must be min-max or one number of milliseconds, not '" + latencyMs
                            + "'");
        }
    }

    public final synchronized void set(long minLatencyMs, long maxLatencyMs, double errorRate) {
        if (minLatencyMs < 0 || maxLatencyMs < minLatencyMs) {
            throw new IllegalArgumentException(
                    "offline latency must be 0 ≤ min ≤ max, got " + minLatencyMs + "-" + maxLatencyMs);
        }
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("offline error rate must be between 0.0 and 1.0, got " + errorRate);
        }
        this.minLatencyMs = minLatencyMs;
        this.maxLatencyMs = maxLatencyMs;
        this.errorRate = errorRate;
    }

    public void clear() {
        set(0, 0, 0);
    }

    long sampleLatencyMs() {
        long min = minLatencyMs;
        long max = maxLatencyMs;
        return max <= min ? min : ThreadLocalRandom.current().nextLong(min, max + 1);
    }

    boolean sampleError() {
        double rate = errorRate;
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }
}
