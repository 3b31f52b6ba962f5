package io.tabelogo.gameday;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Visitors searching restaurants (each search new, so it reaches the database) while every SQL statement of
 * restaurant-service is {@code delayMs} slower; the most connections in use and waiting are read while it lasts.
 */
abstract class SlowSearches extends Experiment {

    private final long delayMs;
    protected double maxActive;
    protected double maxPending;

    SlowSearches(long delayMs) {
        this.delayMs = delayMs;
    }

    @Override
    String fault() {
        return "restaurant-service sql-delay delay_ms=" + delayMs;
    }

    /** The delayed searches' 503s may open the gateway's breaker for restaurant-service. */
    @Override
    boolean waitsForABreaker() {
        return true;
    }

    @Override
    HttpRequest request(Target target, boolean faulty) {
        return target.request("/api/v1/restaurants?size=1&q=gameday-" + UUID.randomUUID())
                .GET()
                .build();
    }

    @Override
    void inject(Target target) throws Exception {
        Faults.set(target, "restaurant", "sql-delay", Faults.parameters().put("delay_ms", delayMs));
    }

    @Override
    void rollBack(Target target) throws Exception {
        target.chaos().clear("restaurant", "sql-delay");
    }

    /**
     * {@code during}, then the recovery both slow-search experiments expect once the statements are fast again: in
     * its last 5 s no errors and p95 within the SLO.
     */
    static List<Check> withRecovery(Observation seen, Check... during) {
        List<Check> checks = new ArrayList<>(List.of(during));
        checks.add(Check.atMost(
                "error rate in the last 5 s of the recovery",
                seen.lastSeconds(5).errorRate(),
                0.01,
                ""));
        checks.add(Check.atMost(
                "p95 latency in the last 5 s of the recovery",
                seen.lastSeconds(5).p95Ms(),
                SLO_P95_MS,
                " ms"));
        return checks;
    }

    @Override
    void watch(Target target, boolean faulty) throws Exception {
        if (faulty) {
            maxActive = Math.max(maxActive, target.metrics().sum("restaurant-service", "db_connections_active"));
            maxPending = Math.max(maxPending, target.metrics().sum("restaurant-service", "db_connections_pending"));
        }
    }
}
