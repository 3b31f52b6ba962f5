package io.tabelogo.platform.chaos;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;

/**
 * One outbound dependency of a service, as chaos sees it: the service calls {@link #beforeCall} before each call
 * to it, which adds the active fault's latency and fails the given share of calls with the service's own failure
 * (the one a real outage of that dependency produces), so its breakers, retries and fallbacks react as they would.
 */
public final class Dependency {

    /** The handle of every dependency when chaos is disabled: no fault is ever set on it. */
    private static final Dependency NONE = new Dependency("none", null, null);

    private final String name;
    private final Counter delayed;
    private final Counter failed;
    private volatile Fault fault;

    Dependency(String name, MeterRegistry meters) {
        this.name = name;
        this.delayed = injected(meters, name, "latency");
        this.failed = injected(meters, name, "error");
    }

    private Dependency(String name, Counter delayed, Counter failed) {
        this.name = name;
        this.delayed = delayed;
        this.failed = failed;
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
    }

    void set(Fault fault) {
        this.fault = fault;
    }
}
