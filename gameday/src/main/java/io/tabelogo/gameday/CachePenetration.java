package io.tabelogo.gameday;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;

/** Cache penetration: a flood of reads of restaurants that do not exist. */
final class CachePenetration extends Experiment {

    private String restaurantId;
    private double selectsAtStart;
    private double selectsAtEnd;
    private double rejectionsAtStart;
    private double rejectionsAtEnd;
    private double selectsAtSteadyStart;
    private long steadyStartNanos;
    private double backgroundPerSecond;

    @Override
    String name() {
        return "cache-penetration";
    }

    @Override
    String title() {
        return "Cache penetration: unknown ids";
    }

    @Override
    String hypothesis() {
        return "When visitors ask for restaurants that do not exist, each with a new id, restaurant-service answers"
                + " 404 from its Bloom filter without asking the database, within the p95 SLO of "
                + (long) SLO_P95_MS + " ms.";
    }

    @Override
    String fault() {
        return "the load itself: GET /api/v1/restaurants/<a new random id> instead of a known one";
    }

    @Override
    void prepare(Target target) throws Exception {
        restaurantId = Restaurants.any(target);
        selectsAtSteadyStart = selects(target);
        steadyStartNanos = System.nanoTime();
    }

    /** A known restaurant before and after; during the "fault", an id nobody has. */
    @Override
    HttpRequest request(Target target, boolean faulty) {
        String id = faulty ? UUID.randomUUID().toString() : restaurantId;
        return target.request("/api/v1/restaurants/" + id).GET().build();
    }

    @Override
    void inject(Target target) throws Exception {
        // The steady phase's statements (the service's own background work, a first read) are the baseline.
        selectsAtStart = selects(target);
        backgroundPerSecond = (selectsAtStart - selectsAtSteadyStart) / ((System.nanoTime() - steadyStartNanos) / 1e9);
        rejectionsAtStart = rejections(target);
    }

    @Override
    void rollBack(Target target) throws Exception {
        selectsAtEnd = selects(target);
        rejectionsAtEnd = rejections(target);
    }

    @Override
    List<Check> judge(Target target, Observation seen) {
        double requests = seen.during().requests();
        return List.of(
                Check.atLeast(
                        "unknown ids rejected by the Bloom filter",
                        rejectionsAtEnd - rejectionsAtStart,
                        requests * 0.9,
                        ""),
                // Beyond the service's background statements (the steady phase's rate): a few at the boundaries at
                // most.
                Check.atMost(
                        "SQL selects beyond the background while unknown ids flood in",
                        selectsAtEnd
                                - selectsAtStart
                                - backgroundPerSecond * (seen.faultToMs() - seen.faultFromMs()) / 1000.0,
                        Math.max(5, requests * 0.1),
                        ""),
                Check.atMost("p95 latency of the unknown ids", seen.during().p95Ms(), SLO_P95_MS, " ms"),
                Check.atMost(
                        "error rate (5xx) of the unknown ids", seen.during().errorRate(), 0.0, ""));
    }

    private static double selects(Target target) throws InterruptedException {
        return target.metrics().sum("restaurant-service", "db_query_duration_seconds_count", "operation=\"select\"");
    }

    private static double rejections(Target target) throws InterruptedException {
        return target.metrics().sum("restaurant-service", "restaurant_bloom_rejections_total");
    }
}
