package io.tabelogo.gameday;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Tabelog throttling spider-service: it accepts a third of the scraper's usual request rate and answers 429 to the
 * rest. The adaptive rate must fall below that, so scraping goes on at what Tabelog accepts.
 */
final class TabelogThrottling extends Experiment {

    private static final String FAULT = "dependency/tabelog";
    private static final int JOBS = 3; // a visitor may have three jobs running at once
    private static final Duration JOBS_FINISH_WITHIN = Duration.ofMinutes(2);

    private final List<String> jobs = new ArrayList<>();
    private double rateBefore;
    private double accepted;
    private double refusedBefore;
    private double lowestRate = Double.MAX_VALUE;
    private double breakerOpen;

    @Override
    String name() {
        return "tabelog-throttling";
    }

    @Override
    String title() {
        return "Tabelog throttling";
    }

    @Override
    String hypothesis() {
        return "When Tabelog accepts only a third of spider-service's request rate and answers the rest with 429,"
                + " the scraper's shared rate falls (to half or less) instead of insisting, the tabelog breaker stays"
                + " closed (a 429 is no outage), and the scrape jobs started meanwhile all complete; the rest of the"
                + " platform does not notice.";
    }

    @Override
    String fault() {
        return "spider-service " + FAULT + " rate_per_minute=<a third of its rate>, while " + JOBS + " scrape jobs run";
    }

    @Override
    void prepare(Target target) throws Exception {
        rateBefore = spider(target, "spider_rate_limit_per_minute");
        accepted = Math.max(0.1, rateBefore / 3);
        refusedBefore = refused(target);
    }

    @Override
    void inject(Target target) throws Exception {
        Faults.set(target, "spider", FAULT, Faults.parameters().put("rate_per_minute", accepted));
        for (int i = 0; i < JOBS; i++) {
            jobs.add(Scrapes.start(target, 2));
        }
    }

    @Override
    void rollBack(Target target) throws Exception {
        target.chaos().clear("spider", FAULT);
    }

    @Override
    void watch(Target target, boolean faulty) throws Exception {
        if (faulty) {
            lowestRate = Math.min(lowestRate, spider(target, "spider_rate_limit_per_minute"));
            breakerOpen = Math.max(breakerOpen, spider(target, "spider_circuit_breaker_state", "circuit=\"tabelog\""));
        }
    }

    @Override
    List<Check> judge(Target target, Observation seen) throws Exception {
        List<String> statuses = Scrapes.awaitFinished(target, jobs, JOBS_FINISH_WITHIN);
        long completed = statuses.stream().filter("COMPLETED"::equals).count();
        return List.of(
                Check.atLeast(
                        "calls Tabelog refused with 429 during the fault", refused(target) - refusedBefore, 1, ""),
                Check.atMost(
                        "lowest request rate towards Tabelog during the fault (it was " + Check.format(rateBefore)
                                + "/min)",
                        lowestRate,
                        rateBefore / 2,
                        "/min"),
                Check.atMost("the tabelog breaker's state during the fault (0: closed)", breakerOpen, 0, ""),
                Check.that(
                        "scrape jobs started during the fault that completed (within " + JOBS_FINISH_WITHIN.toSeconds()
                                + " s)",
                        JOBS + " of " + JOBS,
                        completed + " of " + JOBS + " " + statuses,
                        completed == JOBS),
                Check.atMost(
                        "restaurant reads' error rate during the fault",
                        seen.during().errorRate(),
                        0.01,
                        ""));
    }

    private static double spider(Target target, String metric, String... labels) throws InterruptedException {
        return target.metrics().sum("spider-service", metric, labels);
    }

    private static double refused(Target target) throws InterruptedException {
        return spider(target, "tabelogo_chaos_injected_total", "fault=\"" + FAULT + "\"", "effect=\"throttle\"");
    }
}
