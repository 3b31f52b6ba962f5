package io.tabelogo.gameday;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Cache breakdown: a hot restaurant's cache entry dropped while 200 visitors read it at once. The steady load reads the
 * restaurant list, never the hot key: a steady read of it right after the change would reload it before the burst,
 * and the burst would then test nothing but the cache.
 */
final class HotKey extends Experiment {

    private static final int READERS = 200;

    private String restaurantId;
    private double loadsBefore;
    private double loadsAfter;
    private double waitsBefore;
    private double waitsAfter;
    private long burstFailures;

    @Override
    String name() {
        return "hot-key";
    }

    @Override
    String title() {
        return "Cache breakdown: a hot key expires";
    }

    @Override
    String hypothesis() {
        return "When the cache entry of a restaurant everybody reads is dropped (a change to it) and " + READERS
                + " visitors read it at that moment, restaurant-service loads it from PostgreSQL once, not once per"
                + " reader: the others wait for that load (single flight), and every reader is answered. (One more"
                + " load is allowed: the change's own invalidation message may land after a first reload.)";
    }

    @Override
    String fault() {
        return "PATCH of the hot restaurant (its cache entries dropped), then " + READERS + " concurrent reads of it";
    }

    @Override
    void prepare(Target target) {
        restaurantId = Restaurants.any(target);
    }

    @Override
    void inject(Target target) throws Exception {
        loadsBefore = loads(target);
        waitsBefore = waits(target);
        var changed = target.send(target.request("/api/v1/restaurants/" + restaurantId)
                .header("Content-Type", "application/json")
                .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString("{\"name_ja\": \"ゲームデー " + System.nanoTime() + "\"}"))
                .build());
        if (changed.statusCode() != 200) {
            throw new IllegalStateException("the change answered " + changed.statusCode() + ": " + changed.body());
        }
        try (var readers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = new ArrayList<>();
            Callable<Integer> read = () -> target.send(target.request("/api/v1/restaurants/" + restaurantId)
                            .GET()
                            .build())
                    .statusCode();
            for (int i = 0; i < READERS; i++) {
                answers.add(readers.submit(read));
            }
            for (Future<Integer> answer : answers) {
                if (answer.get() != 200) {
                    burstFailures++;
                }
            }
        }
        loadsAfter = loads(target);
        waitsAfter = waits(target);
    }

    @Override
    void rollBack(Target target) {}

    @Override
    List<Check> judge(Target target, Observation seen) {
        return List.of(
                Check.atMost(
                        "loads from PostgreSQL for the hot key (" + READERS + " readers)",
                        loadsAfter - loadsBefore,
                        2,
                        ""),
                Check.atLeast("readers that waited for that load", waitsAfter - waitsBefore, 1, ""),
                Check.atLeast(
                        "loads of the hot key during the burst (its entry really was dropped)",
                        loadsAfter - loadsBefore,
                        1,
                        ""),
                Check.atMost("readers not answered 200", burstFailures, 0, ""),
                // 200 readers at once on a small machine: the steady readers wait their turn, within seconds.
                Check.atMost(
                        "p95 latency of the steady readers meanwhile",
                        seen.during().p95Ms(),
                        2_000,
                        " ms"));
    }

    private static double loads(Target target) throws InterruptedException {
        return target.metrics().sum("restaurant-service", "restaurant_cache_load_duration_seconds_count");
    }

    private static double waits(Target target) throws InterruptedException {
        return target.metrics().sum("restaurant-service", "restaurant_singleflight_waits_total");
    }
}
