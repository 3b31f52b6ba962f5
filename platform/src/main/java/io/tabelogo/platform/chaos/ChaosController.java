package io.tabelogo.platform.chaos;

import io.swagger.v3.oas.annotations.Hidden;
import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ApiException.FieldProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The chaos API (administrators only): list, set and clear this service's faults. A fault is set with PUT on its
 * kind ({@code /faults/sql-delay}, {@code /faults/dependency/map-provider}) and a body of its parameters and its
 * {@code duration_s}; setting it again replaces it. An operator's tool, not the product's API: left out of the
 * OpenAPI description (docs/chaos.md describes it).
 */
@Hidden
@RestController
@RequestMapping("${tabelogo.chaos.path:/api/v1/chaos}")
class ChaosController {

    private static final Logger log = LoggerFactory.getLogger(ChaosController.class);

    static final String UNKNOWN_FAULT = "CHAOS_UNKNOWN_FAULT";
    static final String UNKNOWN_TARGET = "CHAOS_UNKNOWN_TARGET";
    static final String NOT_ACTIVE = "CHAOS_FAULT_NOT_ACTIVE";
    private static final long MAX_LATENCY_MS = 60_000;
    private static final double MIN_RATE_PER_MINUTE = 0.1;
    private static final Duration DEFAULT_DURATION = Duration.ofMinutes(1);

    private final ChaosFaults faults;
    private final ChaosSettings settings;
    private final Clock clock;
    private final ProcessExit exit;
    private final String service;

    ChaosController(ChaosFaults faults, ChaosSettings settings, Clock clock, ProcessExit exit, String service) {
        this.faults = faults;
        this.settings = settings;
        this.clock = clock;
        this.exit = exit;
        this.service = service;
    }

    /** {@code POST /restart}: {@code graceful} (the default) as on SIGTERM, else as a crash. */
    record RestartRequest(Boolean graceful) {}

    record Restart(String service, boolean graceful, long exitsInMs) {}

    /**
     * Ends this process shortly after answering 202, for whatever runs it to start it again: a restart, as a rolling
     * update (graceful) or a crash would cause. Not a fault with a duration: an event.
     */
    @PostMapping("/restart")
    ResponseEntity<Restart> restart(@RequestBody(required = false) RestartRequest request) {
        boolean graceful = request == null || request.graceful() == null || request.graceful();
        log.warn(
                "Chaos restart requested ({}): this service exits in {} ms",
                graceful ? "graceful" : "crash",
                ProcessExit.DELAY.toMillis());
        exit.exit(graceful);
        return ResponseEntity.accepted().body(new Restart(service, graceful, ProcessExit.DELAY.toMillis()));
    }

    /** What {@code PUT} accepts; each kind reads its own fields. */
    record FaultRequest(
            Long latencyMs,
            Double errorRate,
            Double ratePerMinute,
            Long delayMs,
            Integer threads,
            Integer megabytes,
            Long durationS) {}

    record ChaosState(String service, List<String> kinds, SortedSet<String> dependencies, List<Fault> faults) {}

    @GetMapping
    ChaosState state() {
        return new ChaosState(
                service,
                List.of(Fault.Kind.values()).stream().map(Fault.Kind::path).toList(),
                faults.dependencies(),
                faults.active());
    }

    @PutMapping("/faults/dependency/{target}")
    Fault setDependencyFault(@PathVariable String target, @RequestBody FaultRequest request) {
        return faults.start(fault(Fault.Kind.DEPENDENCY, knownTarget(target), request));
    }

    @PutMapping("/faults/{kind}")
    Fault setFault(@PathVariable String kind, @RequestBody FaultRequest request) {
        Fault.Kind known = knownKind(kind);
        if (known == Fault.Kind.DEPENDENCY) {
            throw ApiException.notFound(
                    UNKNOWN_TARGET, "A dependency fault names its dependency: one of " + faults.dependencies() + ".");
        }
        return faults.start(fault(known, null, request));
    }

    @DeleteMapping("/faults/dependency/{target}")
    ResponseEntity<Void> clearDependencyFault(@PathVariable String target) {
        return cleared(Fault.Kind.DEPENDENCY.path() + "/" + knownTarget(target));
    }

    @DeleteMapping("/faults/{kind}")
    ResponseEntity<Void> clearFault(@PathVariable String kind) {
        return cleared(knownKind(kind).path());
    }

    @DeleteMapping("/faults")
    ResponseEntity<Void> clearAll() {
        faults.clearAll();
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<Void> cleared(String id) {
        faults.clear(id).orElseThrow(() -> ApiException.notFound(NOT_ACTIVE, "No active fault " + id + "."));
        return ResponseEntity.noContent().build();
    }

    private Fault.Kind knownKind(String path) {
        return Fault.Kind.ofPath(path)
                .orElseThrow(() -> ApiException.notFound(
                        UNKNOWN_FAULT,
                        "No fault kind '" + path + "': one of "
                                + List.of(Fault.Kind.values()).stream()
                                        .map(Fault.Kind::path)
                                        .toList()
                                + "."));
    }

    private String knownTarget(String target) {
        if (!faults.dependencies().contains(target)) {
            throw ApiException.notFound(
                    UNKNOWN_TARGET,
                    "This service has no dependency '" + target + "': one of " + faults.dependencies() + ".");
        }
        return target;
    }

    /** The fault a request asks for, every field checked against its kind; each problem named. */
    private Fault fault(Fault.Kind kind, String target, FaultRequest request) {
        if (request == null) {
            request = new FaultRequest(null, null, null, null, null, null, null);
        }
        List<FieldProblem> problems = new ArrayList<>();
        Duration duration = request.durationS() == null ? DEFAULT_DURATION : Duration.ofSeconds(request.durationS());
        if (request.durationS() != null
                && (request.durationS() < 1 || duration.compareTo(settings.maxDuration()) > 0)) {
            problems.add(new FieldProblem(
                    "duration_s", "must be 1 to " + settings.maxDuration().toSeconds() + " seconds"));
        }
        Long latencyMs = null;
        Double errorRate = null;
        Double ratePerMinute = null;
        Long delayMs = null;
        Integer threads = null;
        Integer megabytes = null;
        List<String> allowed = switch (kind) {
            case DEPENDENCY -> List.of("latency_ms", "error_rate", "rate_per_minute");
            case SQL_DELAY -> List.of("delay_ms");
            case CPU_BURN -> List.of("threads");
            case HEAP_PRESSURE -> List.of("megabytes");
            case REDIS_DOWN, READINESS_DOWN -> List.of();
        };
        onlyFor(kind, allowed, "latency_ms", request.latencyMs(), problems);
        onlyFor(kind, allowed, "error_rate", request.errorRate(), problems);
        onlyFor(kind, allowed, "rate_per_minute", request.ratePerMinute(), problems);
        onlyFor(kind, allowed, "delay_ms", request.delayMs(), problems);
        onlyFor(kind, allowed, "threads", request.threads(), problems);
        onlyFor(kind, allowed, "megabytes", request.megabytes(), problems);
        switch (kind) {
            case DEPENDENCY -> {
                latencyMs = request.latencyMs() == null ? 0 : request.latencyMs();
                errorRate = request.errorRate() == null ? 0 : request.errorRate();
                if (latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
                    problems.add(new FieldProblem("latency_ms", "must be 0 to " + MAX_LATENCY_MS));
                }
                if (errorRate < 0 || errorRate > 1 || errorRate.isNaN()) {
                    problems.add(new FieldProblem("error_rate", "must be 0 to 1"));
                }
                ratePerMinute = request.ratePerMinute();
                if (ratePerMinute != null && !(ratePerMinute >= MIN_RATE_PER_MINUTE && ratePerMinute <= 60_000)) {
                    problems.add(new FieldProblem("rate_per_minute", "must be " + MIN_RATE_PER_MINUTE + " to 60000"));
                }
                if (latencyMs == 0 && errorRate == 0 && ratePerMinute == null) {
                    problems.add(new FieldProblem("latency_ms", "or error_rate or rate_per_minute must be set"));
                }
            }
            case SQL_DELAY -> {
                delayMs = request.delayMs();
                if (delayMs == null || delayMs < 1 || delayMs > MAX_LATENCY_MS) {
                    problems.add(new FieldProblem("delay_ms", "must be 1 to " + MAX_LATENCY_MS));
                }
            }
            case CPU_BURN -> {
                int cpus = Runtime.getRuntime().availableProcessors();
                threads = request.threads() == null ? 1 : request.threads();
                if (threads < 1 || threads > cpus) {
                    problems.add(new FieldProblem("threads", "must be 1 to " + cpus + " (the CPUs this JVM sees)"));
                }
            }
            case HEAP_PRESSURE -> {
                long most = (long) (Runtime.getRuntime().maxMemory() * settings.maxHeapShare() / (1024 * 1024));
                megabytes = request.megabytes();
                if (megabytes == null || megabytes < 1 || megabytes > most) {
                    problems.add(new FieldProblem(
                            "megabytes",
                            "must be 1 to " + most + " (" + Math.round(settings.maxHeapShare() * 100)
                                    + " % of the maximum heap)"));
                }
            }
            case REDIS_DOWN, READINESS_DOWN -> {}
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation("The fault's parameters are not valid.", problems);
        }
        Instant now = clock.instant();
        String id = target == null ? kind.path() : kind.path() + "/" + target;
        return new Fault(
                id,
                kind,
                target,
                latencyMs,
                errorRate,
                ratePerMinute,
                delayMs,
                threads,
                megabytes,
                now,
                now.plus(duration));
    }

    /** A parameter given to a kind that has no use for it is refused rather than ignored. */
    private static void onlyFor(
            Fault.Kind kind, List<String> allowed, String field, Object value, List<FieldProblem> problems) {
        if (value != null && !allowed.contains(field)) {
            problems.add(new FieldProblem(field, "is not a parameter of " + kind.path()));
        }
    }
}
