package io.tabelogo.platform.chaos;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The faults active in this service. Each one starts when set, ends by itself when its time is up (or when cleared,
 * or replaced by a fault of the same id), and while active is the gauge {@code tabelogo_chaos_fault_active{fault}} = 1
 * and a WARN line at its start and end: dashboards and logs say why things broke.
 */
public final class ChaosFaults implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChaosFaults.class);

    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<String, Dependency> dependencies = new ConcurrentHashMap<>();
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chaos-timer");
        thread.setDaemon(true);
        return thread;
    });
    // Read on every SQL statement and Redis connection: plain volatile fields, not a map lookup.
    private volatile Duration sqlDelay = Duration.ZERO;
    private volatile boolean redisDown;
    private volatile boolean closed;
    private final List<Runnable> redisGoesDown = new CopyOnWriteArrayList<>();

    private record Active(Fault fault, ScheduledFuture<?> end, Runnable undo) {}

    public ChaosFaults(MeterRegistry meters, ApplicationEventPublisher events, Clock clock) {
        this.meters = meters;
        this.events = events;
        this.clock = clock;
        // Every fault's gauge from the start, at 0: dashboards and alerts see the series before any fault.
        for (Fault.Kind kind : Fault.Kind.values()) {
            if (kind != Fault.Kind.DEPENDENCY) {
                gauge(kind.path());
            }
        }
    }

    /** The dependency called {@code name}: its handle for the service's calls, and a target the API accepts. */
    public Dependency dependency(String name) {
        return dependencies.computeIfAbsent(name, n -> {
            gauge(Fault.Kind.DEPENDENCY.path() + "/" + n);
            return new Dependency(n, meters);
        });
    }

    private void gauge(String id) {
        if (gauged.add(id)) {
            Gauge.builder("tabelogo.chaos.fault.active", active, faults -> faults.containsKey(id) ? 1 : 0)
                    .description("1 while a chaos fault is active")
                    .tag("fault", id)
                    .register(meters);
        }
    }

    /** The dependencies the service declared, by name. */
    public SortedSet<String> dependencies() {
        return new TreeSet<>(dependencies.keySet());
    }

    /** Starts {@code fault} (already checked), ending any active one of the same id first. */
    public synchronized Fault start(Fault fault) {
        end(fault.id(), "replaced");
        Runnable undo = switch (fault.kind()) {
            case DEPENDENCY -> {
                Dependency dependency = dependencies.get(fault.target());
                dependency.set(fault);
                yield () -> dependency.set(null);
            }
            case SQL_DELAY -> {
                sqlDelay = fault.delay();
                yield () -> sqlDelay = Duration.ZERO;
            }
            case REDIS_DOWN -> {
                redisDown = true;
                redisGoesDown.forEach(Runnable::run);
                yield () -> redisDown = false;
            }
            case READINESS_DOWN -> {
                AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
                // Not after a shutdown began: Spring then refuses traffic for good.
                yield () -> {
                    if (!closed) {
                        AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
                    }
                };
            }
            case CPU_BURN -> CpuBurn.start(fault.threads());
            case HEAP_PRESSURE -> HeapPressure.hold(fault.megabytes());
        };
        long millis =
                Math.max(0, Duration.between(clock.instant(), fault.expiresAt()).toMillis());
        ScheduledFuture<?> end = timer.schedule(() -> end(fault.id(), "expired"), millis, TimeUnit.MILLISECONDS);
        active.put(fault.id(), new Active(fault, end, undo));
        gauge(fault.id());
        log.warn("Chaos fault started: {} until {} ({})", fault.id(), fault.expiresAt(), describe(fault));
        return fault;
    }

    /** Ends the fault {@code id}; empty when none was active. */
    public Optional<Fault> clear(String id) {
        return end(id, "cleared");
    }

    /** Ends every active fault. */
    public void clearAll() {
        new ArrayList<>(active.keySet()).forEach(this::clear);
    }

    /** The active faults, by id. */
    public List<Fault> active() {
        return active.values().stream()
                .map(Active::fault)
                .sorted(Comparator.comparing(Fault::id))
                .toList();
    }

    /** Runs {@code action} each time a redis-down fault starts (to drop the connections that are open). */
    void whenRedisGoesDown(Runnable action) {
        redisGoesDown.add(action);
    }

    Duration sqlDelay() {
        return sqlDelay;
    }

    boolean redisDown() {
        return redisDown;
    }

    private synchronized Optional<Fault> end(String id, String why) {
        Active ending = active.remove(id);
        if (ending == null) {
            return Optional.empty();
        }
        ending.end().cancel(false);
        ending.undo().run();
        log.warn("Chaos fault ended ({}): {}", why, id);
        return Optional.of(ending.fault());
    }

    /** The application stops: every fault ends (its threads and memory with it), the timer too. */
    @Override
    public void close() {
        closed = true;
        clearAll();
        timer.shutdownNow();
    }

    private static String describe(Fault fault) {
        return switch (fault.kind()) {
            case DEPENDENCY ->
                "latency " + fault.latencyMs() + " ms, error rate " + fault.errorRate()
                        + (fault.ratePerMinute() == null
                                ? ""
                                : ", at most " + fault.ratePerMinute() + " calls a minute");
            case SQL_DELAY -> "delay " + fault.delayMs() + " ms per statement";
            case CPU_BURN -> fault.threads() + " busy threads";
            case HEAP_PRESSURE -> fault.megabytes() + " MB held";
            case REDIS_DOWN, READINESS_DOWN -> fault.kind().path();
        };
    }
}
