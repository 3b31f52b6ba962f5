package io.tabelogo.gameday;

import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/** Slow SQL in restaurant-service: every statement 5 s slower, past the 3 s statement timeout. */
final class SlowSql extends SlowSearches {

    private static final Set<String> EXPECTED_CODES = Set.of("DB_TIMEOUT", "UPSTREAM_UNAVAILABLE");

    SlowSql() {
        super(5000);
    }

    @Override
    String name() {
        return "slow-sql";
    }

    @Override
    String title() {
        return "Slow SQL";
    }

    @Override
    String hypothesis() {
        return "When every SQL statement of restaurant-service takes 5 s, searches fail with 503 DB_TIMEOUT at the"
                + " 3 s statement timeout instead of hanging, and connections do not pile up beyond the pool. The"
                + " gateway's breaker for restaurant-service may open on those 503s and shed its traffic: once the"
                + " database is fast, searches answer normally again within the breaker's wait (10 s) and its"
                + " half-open trial.";
    }

    /** Each search holds a connection for 3 s under the fault: few enough to stay within the pool of 25. */
    @Override
    int rate(Phases phases) {
        return Math.min(phases.requestsPerSecond(), 5);
    }

    @Override
    List<Check> judge(Target target, Observation seen) {
        // A request may wait a moment for a connection while the pool opens one more (it grows on demand), so
        // waiting is no sign of a pile-up; running out of connections is: every one in use, or DB_POOL_EXHAUSTED.
        SortedMap<String, Long> codes = seen.timeline().failureCodes(seen.faultFromMs(), seen.faultToMs());
        return withRecovery(
                seen,
                Check.atMost("error rate before the fault", seen.before().errorRate(), 0.01, ""),
                Check.atLeast(
                        "share of searches failing during the fault",
                        seen.during().errorRate(),
                        0.9,
                        ""),
                Check.atMost(
                        "p95 latency during the fault (the 3 s timeout, not 5 s)",
                        seen.during().p95Ms(),
                        3_600,
                        " ms"),
                Check.atMost("most connections in use during the fault (pool: 25)", maxActive, 24, ""),
                Check.that(
                        "failures during the fault by code",
                        "only DB_TIMEOUT (or the breaker's UPSTREAM_UNAVAILABLE)",
                        codes.toString(),
                        codes.keySet().stream().allMatch(EXPECTED_CODES::contains)));
    }
}
