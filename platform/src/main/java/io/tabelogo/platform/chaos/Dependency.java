package io.tabelogo.platform.chaos;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;

/**
 * One outbound dependency of a service, as chaos sees it: the service calls {@link #beforeCall} before each call
 * to it, which adds the active fault's latency and fails the given share of calls with the service's own failure
 * (the one a real outage of that dependency produces), so its breakers, retries and fallbacks react as they would.
 * A throttling fault refuses, with the same failure, each call that comes sooner than its rate allows after the last
 * accepted one (per instance): a caller that slows down enough gets through, as with a real rate limit.
 */
public final class Dependency {

    /** The handle of every dependency when chaos is disabled: no fault is ever set on it. */
    private static final Dependency NONE = new Dependency("none", null, null, null);

    private final String name;
    private final Counter delayed;
    private final Counter failed;
    private final Counter throttled;
    private final AtomicLong lastAccepted = new AtomicLong();
    private volatile Fault fault;

    Dependency(String name, MeterRegistry meters) {
        this.name = name;
        this.delayed = injected(meters, name, "latency");
        this.failed = injected(meters, name, "error");
        this.throttled = injected(meters, name, "throttle");
    }

    private Dependency(String name, Counter delayed, Counter failed, Counter throttled) {
        this.name = name;
        this.delayed = delayed;
        this.failed = failed;
        this.throttled = throttled;
    }

    /**
     * A service's dependency {@code name}: its handle when chaos is enabled (and a target of the API), else one that
     * never does anything.
     */
    public static Dependency declare(ObjectProvider<ChaosFaults> chaos, String name) {
        ChaosFaults faults = chaos.getIfAvailable();
        return faults == null ? NONE : faults.dependency(name);
    }

    /** A handle that never does anything: for calls that chaos must not touch. */
    public static Dependency none() {
        return NONE;
    }

    private static Counter injected(MeterRegistry meters, String name, String effect) {
        return Counter.builder("tabelogo.chaos.injected")
                .description("Calls a chaos fault delayed or failed")
                .tag("fault", Fault.Kind.DEPENDENCY.path() + "/" + name)
                .tag("effect", effect)
                .register(meters);
    }

    public String name() {
        return name;
    }

    /** Before a call: the fault's latency, then, for its share of calls, {@code failure}. Nothing without a fault. */
    public void beforeCall(Supplier<? extends RuntimeException> failure) {
        Fault active = fault;
        if (active == null) {
            return;
        }
        Duration latency = active.latency();
        if (!latency.isZero()) {
            delayed.increment();
            try {
                Thread.sleep(latency);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw failure.get();
            }
        }
        if (active.failureRate() > 0 && ThreadLocalRandom.current().nextDouble() < active.failureRate()) {
            failed.increment();
            throw failure.get();
        }
        long every = active.acceptEveryNanos();
        if (every > 0 && !accept(every)) {
            throttled.increment();
            throw failure.get();
        }
    }

    /** Whether a call now is at least {@code everyNanos} after the last accepted one; if so it is the last. */
    private boolean accept(long everyNanos) {
        long now = System.nanoTime();
        long last;
        do {
            last = lastAccepted.get();
            if (now - last < everyNanos) {
                return false;
            }
        } while (!lastAccepted.compareAndSet(last, now));
        return true;
    }

    void set(Fault fault) {
        // A new throttle accepts its first call at once.
        lastAccepted.set(System.nanoTime() - (fault == null ? 0 : fault.acceptEveryNanos()));
        this.fault = fault;
    }
}
