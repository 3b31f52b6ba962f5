package io.tabelogo.platform.chaos;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * One active fault: what it does and until when. {@code id} is its kind, with its target for a dependency
 * ({@code dependency/map-provider}); the fields a kind does not use are null. A dependency fault's
 * {@code ratePerMinute} makes the dependency throttle: it accepts calls at most that often, evenly spaced, and
 * refuses the others.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fault(
        String id,
        Kind kind,
        String target,
        Long latencyMs,
        Double errorRate,
        Double ratePerMinute,
        Long delayMs,
        Integer threads,
        Integer megabytes,
        Instant startedAt,
        Instant expiresAt) {

    /** What a fault does, named as in the API's paths. */
    public enum Kind {
        /** Latency and failures on calls to one outbound dependency (a provider, an upstream, a gRPC peer). */
        DEPENDENCY("dependency"),
        /** Extra time in PostgreSQL before each SQL statement (spent there: statement timeouts apply). */
        SQL_DELAY("sql-delay"),
        /** Redis unreachable: connections dropped and refused. */
        REDIS_DOWN("redis-down"),
        /** The readiness probe fails: load balancers and the gateway stop sending traffic. */
        READINESS_DOWN("readiness-down"),
        /** Threads that keep CPUs busy. */
        CPU_BURN("cpu-burn"),
        /** Heap held in live objects. */
        HEAP_PRESSURE("heap-pressure");

        private final String path;

        Kind(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }

        @JsonValue
        @Override
        public String toString() {
            return path;
        }

        static Optional<Kind> ofPath(String path) {
            return Arrays.stream(values())
                    .filter(kind -> kind.path.equals(path))
                    .findFirst();
        }
    }

    Duration latency() {
        return latencyMs == null ? Duration.ZERO : Duration.ofMillis(latencyMs);
    }

    double failureRate() {
        return errorRate == null ? 0 : errorRate;
    }

    /** The least time between two calls the dependency accepts; zero when it does not throttle. */
    long acceptEveryNanos() {
        return ratePerMinute == null ? 0 : (long) (Duration.ofMinutes(1).toNanos() / ratePerMinute);
    }

    Duration delay() {
        return delayMs == null ? Duration.ZERO : Duration.ofMillis(delayMs);
    }
}
