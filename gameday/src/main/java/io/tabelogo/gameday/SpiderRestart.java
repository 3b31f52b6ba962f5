package io.tabelogo.gameday;

import java.time.Duration;
import java.util.List;

/**
 * spider-service stopped while a scrape job runs, as a rolling update or a node drain stops it, and started again by
 * whatever runs it (Kubernetes, ECS, the devstack's supervisor): the job must be given back and completed once.
 */
final class SpiderRestart extends Experiment {

    private static final String SLOW_TABELOG = "dependency/tabelog";
    private static final Duration RUNNING_WITHIN = Duration.ofSeconds(20);
    private static final Duration BACK_WITHIN = Duration.ofMinutes(2);
    private static final Duration JOB_FINISH_WITHIN = Duration.ofMinutes(2);

    private String job;
    private String statusAtRestart = "never started";
    private double eventsBefore;
    private double startedBefore;
    private long restartedAt;
    private long downMs = -1;

    @Override
    String name() {
        return "spider-restart";
    }

    @Override
    String title() {
        return "spider-service restarted mid-job";
    }

    @Override
    String hypothesis() {
        return "When spider-service stops gracefully while a scrape job runs and is started again, the stopping"
                + " instance gives the job back and the new one completes it exactly once: the job ends COMPLETED"
                + " with results, the new instance counts one job started and one completed, and restaurant-service"
                + " receives one scrape.completed event; restaurant reads never notice.";
    }

    @Override
    String fault() {
        return "spider-service restarted (graceful) while a scrape job runs (its Tabelog pages slowed by 400 ms"
                + " so the job is still running)";
    }

    @Override
    void prepare(Target target) throws Exception {
        eventsBefore = events(target);
    }

    @Override
    void inject(Target target) throws Exception {
        Faults.set(target, "spider", SLOW_TABELOG, Faults.parameters().put("latency_ms", 400));
        job = Scrapes.start(target, 5);
        long deadline = System.nanoTime() + RUNNING_WITHIN.toNanos();
        do {
            statusAtRestart = Scrapes.job(target, job).path("status").asString("UNKNOWN");
            if (!statusAtRestart.equals("PENDING")) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        startedBefore = startTime(target);
        restartedAt = System.nanoTime();
        ChaosApi.Answer restart = target.chaos().restart("spider", true);
        if (restart.status() != 202) {
            throw new IllegalStateException("spider-service refused the restart: " + restart.problem());
        }
    }

    /** Nothing to undo (the new instance has no fault): wait until a new spider-service instance answers. */
    @Override
    void rollBack(Target target) throws Exception {
        if (restartedAt == 0) {
            target.chaos().clear("spider", SLOW_TABELOG); // the restart was never asked for
            return;
        }
        long deadline = restartedAt + BACK_WITHIN.toNanos();
        while (!(startTime(target) > startedBefore
                && target.chaos().state("spider").status() == 200)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no new spider-service instance answered within "
                        + BACK_WITHIN.toSeconds() + " s of its restart");
            }
            Thread.sleep(250);
        }
        downMs = (System.nanoTime() - restartedAt) / 1_000_000;
    }

    /** When the spider-service answering started (its process' start time); 0 while none answers. */
    private static double startTime(Target target) throws InterruptedException {
        try {
            return target.metrics().sum("spider-service", "process_start_time_seconds");
        } catch (IllegalStateException notAnswering) {
            return 0;
        }
    }

    @Override
    List<Check> judge(Target target, Observation seen) throws Exception {
        List<String> status = Scrapes.awaitFinished(target, List.of(job), JOB_FINISH_WITHIN);
        int results = Scrapes.job(target, job).path("results").size();
        Thread.sleep(2000); // restaurant-service reads the event stream every half second
        return List.of(
                Check.that(
                        "the job when spider-service was asked to stop",
                        "RUNNING",
                        statusAtRestart,
                        statusAtRestart.equals("RUNNING")),
                Check.atMost(
                        "time from the restart until a new instance answered", downMs, BACK_WITHIN.toMillis(), " ms"),
                Check.that(
                        "the job in the end (within " + JOB_FINISH_WITHIN.toSeconds() + " s)",
                        "COMPLETED with results",
                        status.getFirst() + ", " + results + " results",
                        status.getFirst().equals("COMPLETED") && results > 0),
                Check.that(
                        "jobs the new instance started and completed",
                        "1 and 1",
                        Check.format(spiderJobs(target, "running")) + " and "
                                + Check.format(spiderJobs(target, "completed")),
                        spiderJobs(target, "running") == 1 && spiderJobs(target, "completed") == 1),
                Check.that(
                        "scrape.completed events restaurant-service received meanwhile",
                        "1",
                        Check.format(events(target) - eventsBefore),
                        events(target) - eventsBefore == 1),
                Check.atMost(
                        "restaurant reads' error rate during the fault",
                        seen.during().errorRate(),
                        0.01,
                        ""));
    }

    private static double spiderJobs(Target target, String status) throws InterruptedException {
        return target.metrics().sum("spider-service", "spider_jobs_total", "status=\"" + status + "\"");
    }

    private static double events(Target target) throws InterruptedException {
        return target.metrics().sum("restaurant-service", "restaurant_tabelog_events_total");
    }
}
