package io.tabelogo.gameday;

import java.util.List;

/** Connection pool exhaustion: statements slow enough (2.5 s) that restaurant-service needs more than its 25. */
final class PoolExhaustion extends SlowSearches {

    PoolExhaustion() {
        super(2500);
    }

    @Override
    String name() {
        return "pool-exhaustion";
    }

    @Override
    String title() {
        return "Connection pool exhausted";
    }

    @Override
    String hypothesis() {
        return "When searches hold restaurant-service's connections longer than the pool can serve (2.5 s each, 12"
                + " a second, 25 connections), requests that find no connection wait about 1 s and fail with 503"
                + " DB_POOL_EXHAUSTED instead of queueing (half of the 503s within 1.5 s), no request takes longer"
                + " than a search's two statements and one wait for a connection (p99 within 6.1 s), and the service"
                + " answers normally once the statements are fast again (the gateway's breaker may shed restaurant"
                + " traffic meanwhile, for its 10 s wait).";
    }

    @Override
    String fault() {
        return super.fault() + ", under a load of 12 searches a second";
    }

    @Override
    int rate(Phases phases) {
        return 12;
    }

    @Override
    List<Check> judge(Target target, Observation seen) {
        long exhausted = seen.timeline()
                .failureCodes(seen.faultFromMs(), seen.faultToMs())
                .getOrDefault("DB_POOL_EXHAUSTED", 0L);
        return withRecovery(
                seen,
                Check.atLeast("most requests waiting for a connection (the pool ran out)", maxPending, 1, ""),
                Check.atLeast("requests answered 503 DB_POOL_EXHAUSTED during the fault", exhausted, 1, ""),
                Check.atMost(
                        "p50 latency of the 503s during the fault",
                        seen.timeline()
                                .window(seen.faultFromMs(), seen.faultToMs(), 503)
                                .p50Ms(),
                        1_500,
                        " ms"),
                Check.atMost("p99 latency during the fault", seen.during().p99Ms(), 6_100, " ms"));
    }
}
