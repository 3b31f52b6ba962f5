package io.tabelogo.gameday;

import java.util.List;
import java.util.UUID;

/** The gateway's route to spider-service broken: its breaker must open, isolate it, and close again. */
final class UpstreamBreaker extends Experiment {

    private static final String BREAKER = "name=\"upstream-spider\"";

    private boolean opened;
    private long fastRefusals;
    private long spiderProbes;

    @Override
    String name() {
        return "gateway-breaker";
    }

    @Override
    String title() {
        return "Gateway upstream breaker";
    }

    @Override
    String hypothesis() {
        return "When every call from the gateway to spider-service fails, the gateway's breaker for that route opens"
                + " and refuses at once (503 UPSTREAM_UNAVAILABLE), the other routes are untouched (restaurant reads"
                + " keep their latency), and once spider-service answers again the breaker closes by itself.";
    }

    @Override
    String fault() {
        return "gateway dependency/upstream-spider error_rate=1";
    }

    /** Open for 10 s, then half-open calls decide: the recovery must outlast that. */
    @Override
    boolean waitsForABreaker() {
        return true;
    }

    @Override
    void inject(Target target) throws Exception {
        Faults.set(
                target,
                "gateway",
                "dependency/upstream-spider",
                Faults.parameters().put("error_rate", 1));
    }

    @Override
    void rollBack(Target target) throws Exception {
        target.chaos().clear("gateway", "dependency/upstream-spider");
    }

    /** A visitor asking spider-service each second, as the breaker needs calls to open and, later, to close. */
    @Override
    void watch(Target target, boolean faulty) throws Exception {
        long start = System.nanoTime();
        int status = target.send(target.request("/api/v1/spider/jobs/" + UUID.randomUUID())
                        .GET()
                        .build())
                .statusCode();
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (faulty) {
            spiderProbes++;
            if (status == 503 && ms < 100) {
                fastRefusals++;
            }
            opened |= target.metrics().sum("gateway", "resilience4j_circuitbreaker_state", BREAKER, "state=\"open\"")
                    == 1;
        }
    }

    @Override
    List<Check> judge(Target target, Observation seen) throws Exception {
        double closed =
                target.metrics().sum("gateway", "resilience4j_circuitbreaker_state", BREAKER, "state=\"closed\"");
        return List.of(
                Check.that("the breaker opened during the fault", "open", opened ? "open" : "never open", opened),
                Check.atLeast("spider requests refused at once (< 100 ms) during the fault", fastRefusals, 1, ""),
                Check.atMost(
                        "restaurant reads' error rate during the fault",
                        seen.during().errorRate(),
                        0.01,
                        ""),
                Check.atMost(
                        "restaurant reads' p95 during the fault", seen.during().p95Ms(), SLO_P95_MS, " ms"),
                Check.that(
                        "the breaker after the recovery",
                        "closed",
                        closed == 1 ? "closed" : "not closed",
                        closed == 1));
    }
}
