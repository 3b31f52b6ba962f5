package io.tabelogo.gameday;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicLong;

/** map-service unreachable from restaurant-service while visitors open places, some known, some new. */
final class MapDown extends Experiment {

    private final List<String> known = new ArrayList<>();
    private final List<String> fresh = new ArrayList<>();
    private final AtomicLong next = new AtomicLong();

    @Override
    String name() {
        return "map-down";
    }

    @Override
    String title() {
        return "map-service down";
    }

    @Override
    String hypothesis() {
        return "When restaurant-service cannot reach map-service (gRPC), opening a place it already knows is answered"
                + " 200 from its own data (stale if need be), and opening one it does not know fails fast with 503"
                + " MAP_UNAVAILABLE (p95 within 1 s) rather than waiting; every answer is one or the other, and once"
                + " map-service is reachable again, places open normally.";
    }

    @Override
    String fault() {
        return "restaurant-service dependency/map-grpc error_rate=1";
    }

    /** Quick searches are limited to 60 a minute per client address, and all the load comes from one. */
    @Override
    int rate(Phases phases) {
        return 1;
    }

    /** restaurant-service's breaker for map-service may have opened: its wait, then its trial calls. */
    @Override
    boolean waitsForABreaker() {
        return true;
    }

    @Override
    void prepare(Target target) {
        List<String> places = Restaurants.places(target, "sushi");
        for (int i = 0; i < places.size(); i++) {
            (i % 2 == 0 ? known : fresh).add(places.get(i));
        }
        for (String place : known) {
            Restaurants.open(target, place);
        }
        if (known.isEmpty() || fresh.isEmpty()) {
            throw new IllegalStateException("the place search found too few places: " + places);
        }
    }

    /** Known and new places in turn. */
    @Override
    HttpRequest request(Target target, boolean faulty) {
        long n = next.getAndIncrement();
        List<String> from = n % 2 == 0 ? known : fresh;
        return target.request("/api/v1/restaurants/quick-search/" + from.get((int) (n / 2 % from.size())))
                .GET()
                .build();
    }

    @Override
    void inject(Target target) throws Exception {
        Faults.set(
                target, "restaurant", "dependency/map-grpc", Faults.parameters().put("error_rate", 1));
    }

    @Override
    void rollBack(Target target) throws Exception {
        target.chaos().clear("restaurant", "dependency/map-grpc");
    }

    @Override
    List<Check> judge(Target target, Observation seen) {
        SortedMap<Integer, Long> statuses = seen.timeline().statuses(seen.faultFromMs(), seen.faultToMs());
        long others = statuses.entrySet().stream()
                .filter(status -> status.getKey() != 200 && status.getKey() != 503)
                .mapToLong(SortedMap.Entry::getValue)
                .sum();
        return List.of(
                Check.atLeast("known places answered 200 during the fault", statuses.getOrDefault(200, 0L), 1, ""),
                Check.that("answers other than 200 or 503 during the fault", "none", statuses.toString(), others == 0),
                Check.atMost("p95 latency during the fault", seen.during().p95Ms(), 1_000, " ms"),
                Check.atMost(
                        "error rate in the last 5 s of the recovery",
                        seen.lastSeconds(5).errorRate(),
                        0.01,
                        ""));
    }
}
