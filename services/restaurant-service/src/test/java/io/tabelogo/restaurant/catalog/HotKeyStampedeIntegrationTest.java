package io.tabelogo.restaurant.catalog;

import static io.tabelogo.restaurant.catalog.CacheExperiments.loads;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platformtest.SecondInstance;
import io.tabelogo.restaurant.RestaurantServiceApplication;
import io.tabelogo.restaurant.RestaurantServiceIntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** Cache breakdown: a cold key asked for by many requests at once is loaded once per replica, and once in all. */
class HotKeyStampedeIntegrationTest extends RestaurantServiceIntegrationTest {

    @Autowired
    RestaurantIdFilter filter;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Environment environment;

    @BeforeEach
    void filterBuiltAndCodeWarm() throws Exception {
        CacheExperiments.awaitFilter(redis, filter);
        // A first burst runs on cold (interpreted) code and can take a second or more on two cores; not measured.
        UUID warmUp = CacheExperiments.insertRows(jdbc, unique("Warm-up"), 1).getFirst();
        filter.add(warmUp);
        getAtOnce(List.of(port()), warmUp, 200);
    }

    @Test
    void twoHundredConcurrentRequestsForOneColdKeyMakeOneDatabaseLoad() throws Exception {
        UUID id = CacheExperiments.insertRows(jdbc, unique("Hot"), 1).getFirst();
        filter.add(id);
        long loadsBefore = loads(meters);

        List<Integer> statuses = getAtOnce(List.of(port()), id, 200);

        assertThat(statuses).hasSize(200).containsOnly(200);
        assertThat(loads(meters) - loadsBefore).isEqualTo(1);
    }

    @Test
    void twoReplicasSharingRedisLoadAColdKeyAtMostTwiceInAll() throws Exception {
        try (ConfigurableApplicationContext second = secondReplica()) {
            MeterRegistry secondMeters = second.getBean(MeterRegistry.class);
            int secondPort = Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port"));
            UUID id = CacheExperiments.insertRows(jdbc, unique("Hot across replicas"), 1)
                    .getFirst();
            filter.add(id);
            long loadsBefore = loads(meters) + loads(secondMeters);

            List<Integer> statuses = getAtOnce(List.of(port(), secondPort), id, 200);

            assertThat(statuses).hasSize(200).containsOnly(200);
            long loads = loads(meters) + loads(secondMeters) - loadsBefore;
            assertThat(loads).isBetween(1L, 2L);
        }
    }

    /** Another restaurant-service over the same database and Redis, as a second replica would be. */
    private ConfigurableApplicationContext secondReplica() {
        List<String> shared = List.of(
                "spring.datasource.url",
                "spring.datasource.username",
                "spring.datasource.password",
                "spring.data.redis.url",
                "tabelogo.redis.shared-url",
                "tabelogo.security.jwt.jwks-uri",
                "tabelogo.security.service-token.uri",
                "tabelogo.security.service-token.secret",
                "spring.grpc.client.channels.map.address");
        return SecondInstance.start(
                RestaurantServiceApplication.class,
                environment,
                shared,
                Map.of("tabelogo.restaurant.cache.l1-ttl", "0s"));
    }

    /** {@code total} GETs of one restaurant released together, spread over the given ports; their statuses. */
    private List<Integer> getAtOnce(List<Integer> ports, UUID id, int total) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                URI uri = URI.create("http://127.0.0.1:" + ports.get(i % ports.size()) + "/api/v1/restaurants/" + id);
                answers.add(threads.submit(() -> {
                    go.await();
                    return send(HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(20))
                                    .GET()
                                    .build())
                            .statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        }
    }
}
