package io.tabelogo.gameday;

import java.net.http.HttpRequest;
import java.util.List;

/** Cache avalanche: restaurant-service's Redis gone while visitors read a restaurant. */
final class RedisGone extends Experiment {

    private String restaurantId;
    private double fallbacksAtStart;
    private double fallbacksAtRollback;
    private double fallbacksAtEnd;

    @Override
    String name() {
        return "redis-gone";
    }

    @Override
    String title() {
        return "Cache avalanche: Redis gone";
    }

    @Override
    String hypothesis() {
        return "When restaurant-service loses Redis, restaurant reads are still answered (from its in-process cache"
                + " and PostgreSQL) within the p95 SLO of " + (long) SLO_P95_MS + " ms, the service degrades (its Redis"
                + " fallbacks count), and once Redis is back it stops falling back within the recovery.";
    }

    @Override
    String fault() {
        return "restaurant-service redis-down";
    }

    @Override
    void prepare(Target target) throws Exception {
        restaurantId = Restaurants.any(target);
        fallbacksAtStart = fallbacks(target);
    }

    @Override
    HttpRequest request(Target target, boolean faulty) {
        return target.request("/api/v1/restaurants/" + restaurantId).GET().build();
    }

    @Override
    void inject(Target target) throws Exception {
        Faults.set(target, "restaurant", "redis-down", Faults.parameters());
    }

    @Override
    void rollBack(Target target) throws Exception {
        fallbacksAtRollback = fallbacks(target);
        target.chaos().clear("restaurant", "redis-down");
    }

    @Override
    void watch(Target target, boolean faulty) throws Exception {
        if (!faulty) {
            fallbacksAtEnd = fallbacks(target);
        }
    }

    @Override
    List<Check> judge(Target target, Observation seen) throws Exception {
        // The last half of the recovery: Redis is back, nothing should fall back any more.
        double before = fallbacksAtEnd;
        Thread.sleep(2_000);
        double lateFallbacks = fallbacks(target) - before;
        return List.of(
                Check.atMost("error rate while Redis is gone", seen.during().errorRate(), 0.0, ""),
                Check.atMost("p95 latency while Redis is gone", seen.during().p95Ms(), SLO_P95_MS, " ms"),
                Check.atLeast("Redis fallbacks during the fault", fallbacksAtRollback - fallbacksAtStart, 1, ""),
                Check.atMost("Redis fallbacks once it is back (2 s at the end)", lateFallbacks, 0, ""),
                Check.atMost("error rate after the fault", seen.after().errorRate(), 0.0, ""));
    }

    private static double fallbacks(Target target) throws InterruptedException {
        return target.metrics().sum("restaurant-service", "redis_guard_fallbacks_total");
    }
}
