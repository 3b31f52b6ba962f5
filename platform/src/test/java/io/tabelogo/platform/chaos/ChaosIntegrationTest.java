package io.tabelogo.platform.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platform.PlatformIntegrationTest;
import io.tabelogo.platform.TestTokens;
import io.tabelogo.platform.probe.ProbeApplication;
import io.tabelogo.platform.redis.RedisGuard;
import io.tabelogo.platform.redis.SharedRedis;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The probe service with chaos enabled, against its real PostgreSQL and redis-server: each fault's effect through
 * the service's own requests, probes and clients, and its end, by expiry or by request.
 */
@SpringBootTest(
        classes = ProbeApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tabelogo.chaos.enabled=true")
@Import(ChaosIntegrationTest.RecordedExits.class)
class ChaosIntegrationTest extends PlatformIntegrationTest {

    private static final String ADMIN = "Bearer " + TestTokens.valid("admin-1", "admin");

    /** Records the restarts asked for instead of ending the test's JVM. */
    @TestConfiguration
    static class RecordedExits {

        @Bean
        ProcessExit recordedExit(ConfigurableApplicationContext context) {
            return new ProcessExit(context) {
                @Override
                public void exit(boolean graceful) {
                    EXITS.add(graceful);
                }
            };
        }
    }

    private static final List<Boolean> EXITS = new CopyOnWriteArrayList<>();

    @Autowired
    RedisGuard guard;

    @Autowired
    StringRedisTemplate ownRedis;

    @Autowired
    SharedRedis sharedRedis;

    @AfterEach
    void noFaultLeftBehind() {
        assertThat(delete("/api/v1/chaos/faults", "Authorization", ADMIN).statusCode())
                .isEqualTo(204);
    }

    @Test
    void onlyAnAdministratorMaySeeOrSetFaults() {
        assertProblem(get("/api/v1/chaos"), 401, "AUTH_TOKEN_MISSING");
        assertProblem(
                put(
                        "/api/v1/chaos/faults/redis-down",
                        "{}",
                        "Authorization",
                        "Bearer " + TestTokens.valid("u", "user")),
                403,
                "FORBIDDEN");

        JsonNode state = json(get("/api/v1/chaos", "Authorization", ADMIN));
        assertThat(state.get("service").asString()).isEqualTo("platform-probe");
        assertThat(state.get("dependencies").toString()).contains("probe-upstream");
        assertThat(state.get("kinds").toString()).contains("sql-delay", "redis-down", "cpu-burn");
        assertThat(state.get("faults")).isEmpty();
    }

    @Test
    void aDependencyFaultDelaysAndFailsCallsIsVisibleAndEndsByItself(CapturedOutput output) {
        var set = put(
                "/api/v1/chaos/faults/dependency/probe-upstream",
                "{\"latency_ms\": 300, \"error_rate\": 1, \"duration_s\": 2}",
                "Authorization",
                ADMIN);
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(json(set).get("id").asString()).isEqualTo("dependency/probe-upstream");

        long start = System.nanoTime();
        assertProblem(get("/probe/upstream"), 503, "UPSTREAM_UNAVAILABLE");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(gauge("dependency/probe-upstream")).isEqualTo(1);
        assertThat(metricSum("tabelogo_chaos_injected_total", "effect=\"error\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(output.getOut()).contains("Chaos fault started: dependency/probe-upstream");

        // Two seconds later it has ended by itself: calls answer, the gauge is 0, the log says so.
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> get("/probe/upstream").statusCode() == 200);
        assertThat(gauge("dependency/probe-upstream")).isEqualTo(0);
        assertThat(json(get("/api/v1/chaos", "Authorization", ADMIN)).get("faults"))
                .isEmpty();
        assertThat(output.getOut()).contains("Chaos fault ended (expired): dependency/probe-upstream");
    }

    @Test
    void aDependencyFaultOfLatencyOnlySlowsEveryCallWithoutFailingIt() {
        put("/api/v1/chaos/faults/dependency/probe-upstream", "{\"latency_ms\": 250}", "Authorization", ADMIN);

        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            assertThat(get("/probe/upstream").statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    void aRestartIsAnsweredThenEndsTheProcessGracefullyOrAsACrashAndOnlyForAnAdministrator() {
        EXITS.clear();
        assertProblem(
                post(
                        "/api/v1/chaos/restart",
                        "application/json",
                        "{}",
                        "Authorization",
                        "Bearer " + TestTokens.valid("u", "user")),
                403,
                "FORBIDDEN");
        assertThat(EXITS).isEmpty();

        var graceful = post("/api/v1/chaos/restart", "application/json", "{}", "Authorization", ADMIN);
        assertThat(graceful.statusCode()).as(graceful.body()).isEqualTo(202);
        assertThat(json(graceful).get("graceful").asBoolean()).isTrue();
        assertThat(json(graceful).get("service").asString()).isEqualTo("platform-probe");
        var crash = post("/api/v1/chaos/restart", "application/json", "{\"graceful\": false}", "Authorization", ADMIN);
        assertThat(crash.statusCode()).isEqualTo(202);

        assertThat(EXITS).containsExactly(true, false);
    }

    @Test
    void aThrottlingDependencyRefusesCallsThatComeSoonerThanItsRateAndAcceptsThoseThatWait() throws Exception {
        var set = put(
                "/api/v1/chaos/faults/dependency/probe-upstream", "{\"rate_per_minute\": 120}", "Authorization", ADMIN);
        assertThat(json(set).get("rate_per_minute").asDouble()).isEqualTo(120);
        double refusedBefore = metricSum("tabelogo_chaos_injected_total", "effect=\"throttle\"");

        // One call each 500 ms at most: the first is accepted, one right after it refused, one 600 ms later accepted.
        assertThat(get("/probe/upstream").statusCode()).isEqualTo(200);
        assertProblem(get("/probe/upstream"), 503, "UPSTREAM_UNAVAILABLE");
        Thread.sleep(600);
        assertThat(get("/probe/upstream").statusCode()).isEqualTo(200);
        assertThat(metricSum("tabelogo_chaos_injected_total", "effect=\"throttle\""))
                .isEqualTo(refusedBefore + 1);
    }

    @Test
    void sqlDelayIsSpentInPostgresAndPastTheStatementTimeoutIsADbTimeout() {
        put("/api/v1/chaos/faults/sql-delay", "{\"delay_ms\": 400}", "Authorization", ADMIN);
        long start = System.nanoTime();
        assertThat(get("/probe/sleep?seconds=0").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));

        // Longer than the 3 s statement timeout: the delayed statement fails as a slow one does.
        put("/api/v1/chaos/faults/sql-delay", "{\"delay_ms\": 5000}", "Authorization", ADMIN);
        start = System.nanoTime();
        assertProblem(get("/probe/sleep?seconds=0"), 503, "DB_TIMEOUT");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(4_500));

        assertThat(delete("/api/v1/chaos/faults/sql-delay", "Authorization", ADMIN)
                        .statusCode())
                .isEqualTo(204);
        start = System.nanoTime();
        assertThat(get("/probe/sleep?seconds=0").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(400));
    }

    @Test
    void redisDownDropsEveryRedisConnectionUntilItEnds() {
        assertThat(guard.call(() -> ownRedis.opsForValue().get("chaos-k"), () -> "down"))
                .isNotEqualTo("down");

        put("/api/v1/chaos/faults/redis-down", "{\"duration_s\": 30}", "Authorization", ADMIN);

        assertThat(guard.call(() -> ownRedis.opsForValue().get("chaos-k"), () -> "down"))
                .isEqualTo("down");
        assertThat(guard.call(() -> sharedRedis.template().opsForValue().get("chaos-k"), () -> "down"))
                .isEqualTo("down");
        assertThat(redis.isRunning()).as("the real Redis is untouched").isTrue();

        delete("/api/v1/chaos/faults/redis-down", "Authorization", ADMIN);
        Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
            assertThat(ownRedis.opsForValue().get("chaos-k")).isNull();
            assertThat(sharedRedis.template().opsForValue().get("chaos-k")).isNull();
        });
    }

    @Test
    void readinessDownFailsTheReadinessProbeOnlyUntilItEnds() {
        put("/api/v1/chaos/faults/readiness-down", "{}", "Authorization", ADMIN);

        assertThat(get("/health/readiness").statusCode()).isEqualTo(503);
        assertThat(get("/health/liveness").statusCode()).isEqualTo(200);

        delete("/api/v1/chaos/faults/readiness-down", "Authorization", ADMIN);
        assertThat(get("/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void cpuBurnKeepsAThreadBusyUntilItEnds() throws Exception {
        put("/api/v1/chaos/faults/cpu-burn", "{\"threads\": 1}", "Authorization", ADMIN);
        long burner = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("chaos-cpu-burn-0"))
                .findFirst()
                .orElseThrow()
                .threadId();
        var threads = ManagementFactory.getThreadMXBean();
        long before = threads.getThreadCpuTime(burner);
        Thread.sleep(300);
        assertThat(threads.getThreadCpuTime(burner) - before)
                .isGreaterThan(Duration.ofMillis(100).toNanos());

        delete("/api/v1/chaos/faults/cpu-burn", "Authorization", ADMIN);
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .until(() -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(thread -> thread.getName().startsWith("chaos-cpu-burn")));
    }

    @Test
    void heapPressureHoldsItsMemoryUntilItEnds() {
        long baseline = heapAfterGc();
        put("/api/v1/chaos/faults/heap-pressure", "{\"megabytes\": 64}", "Authorization", ADMIN);
        assertThat(heapAfterGc() - baseline).isGreaterThan(60L * 1024 * 1024);

        delete("/api/v1/chaos/faults/heap-pressure", "Authorization", ADMIN);
        assertThat(heapAfterGc() - baseline).isLessThan(32L * 1024 * 1024);
    }

    @Test
    void badFaultsAreRefusedSayingWhatIsWrong() {
        assertProblem(
                put("/api/v1/chaos/faults/meteor-strike", "{}", "Authorization", ADMIN), 404, "CHAOS_UNKNOWN_FAULT");
        assertProblem(
                put("/api/v1/chaos/faults/dependency/nowhere", "{\"latency_ms\": 1}", "Authorization", ADMIN),
                404,
                "CHAOS_UNKNOWN_TARGET");
        JsonNode invalid = assertProblem(
                put(
                        "/api/v1/chaos/faults/dependency/probe-upstream",
                        "{\"error_rate\": 2, \"rate_per_minute\": 0, \"duration_s\": 999999}",
                        "Authorization",
                        ADMIN),
                400,
                "VALIDATION_FAILED");
        assertThat(invalid.get("errors").toString()).contains("error_rate", "rate_per_minute", "duration_s");
        JsonNode foreign = assertProblem(
                put("/api/v1/chaos/faults/sql-delay", "{\"delay_ms\": 10, \"threads\": 2}", "Authorization", ADMIN),
                400,
                "VALIDATION_FAILED");
        assertThat(foreign.get("errors").toString()).contains("threads", "is not a parameter of sql-delay");
        assertProblem(
                put("/api/v1/chaos/faults/heap-pressure", "{\"megabytes\": 1000000}", "Authorization", ADMIN),
                400,
                "VALIDATION_FAILED");
        assertProblem(
                put("/api/v1/chaos/faults/sql-delay", "{\"delay_ms\": ", "Authorization", ADMIN),
                400,
                "MALFORMED_REQUEST");
        assertProblem(delete("/api/v1/chaos/faults/redis-down", "Authorization", ADMIN), 404, "CHAOS_FAULT_NOT_ACTIVE");
        assertThat(json(get("/api/v1/chaos", "Authorization", ADMIN)).get("faults"))
                .isEmpty();
    }

    private double gauge(String fault) {
        return metricSum("tabelogo_chaos_fault_active", "fault=\"" + fault + "\"");
    }

    private static long heapAfterGc() {
        System.gc();
        var runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
