package io.tabelogo.gameday;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

/**
 * One experiment of a game day, played the same way every time: a steady load starts and runs for the steady
 * phase, the fault is injected, the load goes on through the fault, the fault is rolled back, and the load goes on
 * through the recovery. The experiment's checks then judge its hypothesis on the load's figures of each phase and
 * on what the services' own metrics said. A rollback always runs, whatever failed before it.
 */
abstract class Experiment {

    /** The load's figures per phase, with the phases' bounds (ms since the load began). */
    record Observation(
            Timeline.Figures before,
            Timeline.Figures during,
            Timeline.Figures after,
            long faultFromMs,
            long faultToMs,
            long endMs,
            Timeline timeline) {

        /** The figures of the recovery's last {@code seconds}: where the platform should be itself again. */
        Timeline.Figures lastSeconds(int seconds) {
            return timeline.window(Math.max(faultToMs, endMs - seconds * 1000L), endMs);
        }
    }

    /** The p95 latency a visitor's request must stay within while a fault is active, when it is to be served. */
    static final double SLO_P95_MS = 500;

    private static final Duration STEADY_STATE_WAIT = Duration.ofSeconds(60);
    private static final Duration BREAKER_RECOVERY = Duration.ofSeconds(20);

    abstract String name();

    abstract String title();

    abstract String hypothesis();

    /** The fault, in words, for the report. */
    abstract String fault();

    /** What the experiment needs before the load (a restaurant to read, a baseline of a metric). */
    void prepare(Target target) throws Exception {}

    /**
     * One request of the load; {@code faulty}: while the fault is active (for experiments whose traffic is it). By
     * default a read of the restaurant list: the visitors' everyday traffic, which a fault elsewhere must not touch.
     */
    HttpRequest request(Target target, boolean faulty) {
        return target.request("/api/v1/restaurants?size=1").GET().build();
    }

    abstract void inject(Target target) throws Exception;

    abstract void rollBack(Target target) throws Exception;

    /** Called once a second during the fault and the recovery: for evidence to read while it lasts. */
    void watch(Target target, boolean faulty) throws Exception {}

    abstract List<Check> judge(Target target, Observation observation) throws Exception;

    /** Requests a second: the phases' own unless the experiment needs fewer (each request holding a connection). */
    int rate(Phases phases) {
        return phases.requestsPerSecond();
    }

    /**
     * Whether the fault may open a circuit breaker (10 s open, then its trial calls): the recovery then lasts at least
     * {@link #BREAKER_RECOVERY}, whatever the phases say.
     */
    boolean waitsForABreaker() {
        return false;
    }

    private Duration recovery(Phases phases) {
        return waitsForABreaker() && phases.recovery().compareTo(BREAKER_RECOVERY) < 0
                ? BREAKER_RECOVERY
                : phases.recovery();
    }

    final Result run(Target target, Phases phases) {
        Observation observation = null;
        List<Timeline.Second> seconds = List.of();
        try {
            awaitSteadyState(target);
            prepare(target);
            long faultFrom;
            long faultTo;
            var faulty = new java.util.concurrent.atomic.AtomicBoolean();
            List<Load.Sample> samples;
            try (Load load = Load.start(rate(phases), 400, () -> request(target, faulty.get()))) {
                Thread.sleep(phases.steady());
                faultFrom = load.nowMs();
                try {
                    inject(target);
                    faulty.set(true);
                    watchFor(target, phases.fault(), true);
                } finally {
                    rollBack(target);
                    faulty.set(false);
                }
                faultTo = load.nowMs();
                watchFor(target, recovery(phases), false);
                load.close();
                samples = load.samples();
            }
            Timeline timeline = new Timeline(samples);
            seconds = timeline.seconds();
            long end = seconds.size() * 1000L;
            observation = new Observation(
                    timeline.window(0, faultFrom),
                    timeline.window(faultFrom, faultTo),
                    timeline.window(faultTo, end),
                    faultFrom,
                    faultTo,
                    end,
                    timeline);
            return result(observation, judge(target, observation), seconds, null);
        } catch (Exception | AssertionError failed) {
            return result(observation, List.of(), seconds, failed.toString());
        }
    }

    /**
     * Each experiment starts from a platform that serves: restaurant reads answered 3 seconds in a row (an earlier
     * experiment's breaker closed again), else it does not run.
     */
    private static void awaitSteadyState(Target target) throws InterruptedException {
        long deadline = System.nanoTime() + STEADY_STATE_WAIT.toNanos();
        int healthy = 0;
        while (healthy < 3) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the platform did not serve restaurant reads within " + STEADY_STATE_WAIT.toSeconds() + " s");
            }
            int status = target.send(
                            target.request("/api/v1/restaurants?size=1").GET().build())
                    .statusCode();
            healthy = status == 200 ? healthy + 1 : 0;
            Thread.sleep(1000);
        }
    }

    private void watchFor(Target target, Duration phase, boolean faulty) throws Exception {
        long end = System.nanoTime() + phase.toNanos();
        while (System.nanoTime() < end) {
            watch(target, faulty);
            Thread.sleep(Math.min(1000, Math.max(0, (end - System.nanoTime()) / 1_000_000)));
        }
    }

    private Result result(Observation observation, List<Check> checks, List<Timeline.Second> seconds, String error) {
        Timeline.Figures none = new Timeline.Figures(0, 0, 0, 0, 0);
        return new Result(
                name(),
                title(),
                hypothesis(),
                fault(),
                observation == null ? none : observation.before(),
                observation == null ? none : observation.during(),
                observation == null ? none : observation.after(),
                checks,
                seconds,
                observation == null ? 0 : observation.faultFromMs(),
                observation == null ? 0 : observation.faultToMs(),
                error);
    }
}
