package io.tabelogo.gameday;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The game day's arithmetic on made-up samples and metrics text: percentiles, error rates, windows, label sums. */
class FiguresUnitTest {

    @Test
    void percentilesAndErrorRateOfAWindowCountOnlyItsRequests() {
        List<Load.Sample> samples = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            samples.add(new Load.Sample(i * 10L, i, i % 10 == 0 ? 503 : 200)); // 1..100 ms, every tenth a 503
        }
        samples.add(new Load.Sample(5_000, 9_999, 0)); // a request with no answer, in another second

        Timeline timeline = new Timeline(samples);
        Timeline.Figures first = timeline.window(0, 1_100);

        assertThat(first.requests()).isEqualTo(100);
        assertThat(first.p50Ms()).isEqualTo(50);
        assertThat(first.p95Ms()).isEqualTo(95);
        assertThat(first.p99Ms()).isEqualTo(99);
        assertThat(first.errorRate()).isEqualTo(0.1);
        assertThat(timeline.window(4_000, 6_000).errorRate()).isEqualTo(1.0);
        assertThat(timeline.seconds()).hasSize(6);
        assertThat(timeline.window(2_000, 3_000).requests()).isZero();
    }

    @Test
    void failuresAreCountedByTheirProblemCode() {
        String problem = "{\"type\":\"about:blank\",\"status\":503,\"code\":\"DB_TIMEOUT\"}";
        assertThat(Load.problemCode(problem)).isEqualTo("DB_TIMEOUT");
        assertThat(Load.problemCode("<html>Bad gateway</html>")).isEmpty();
        assertThat(Load.problemCode("")).isEmpty();

        Timeline timeline = new Timeline(List.of(
                new Load.Sample(0, 1, 200),
                new Load.Sample(10, 3_000, 503, "DB_TIMEOUT"),
                new Load.Sample(20, 3_000, 503, "DB_TIMEOUT"),
                new Load.Sample(30, 1, 404, "RESTAURANT_NOT_FOUND"),
                new Load.Sample(40, 10_000, 0),
                new Load.Sample(2_000, 1_000, 503, "DB_POOL_EXHAUSTED")));

        assertThat(timeline.failureCodes(0, 1_000)).containsExactly(entry("", 1L), entry("DB_TIMEOUT", 2L));
        assertThat(timeline.failureCodes(1_000, 3_000)).containsExactly(entry("DB_POOL_EXHAUSTED", 1L));
    }

    @Test
    void aMetricsSumAddsTheSeriesWithEveryAskedLabel() {
        String exposition = """
                # HELP resilience4j_circuitbreaker_state The states of the circuit breaker
                # TYPE resilience4j_circuitbreaker_state gauge
                resilience4j_circuitbreaker_state{name="upstream-map",service="gateway",state="open"} 1.0
                resilience4j_circuitbreaker_state{name="upstream-map",service="gateway",state="closed"} 0.0
                resilience4j_circuitbreaker_state{name="upstream-spider",service="gateway",state="open"} 0.0
                resilience4j_circuitbreaker_state_total 7
                db_connections_active 3.0
                """;

        assertThat(Metrics.sum(
                        exposition,
                        "resilience4j_circuitbreaker_state",
                        List.of("name=\"upstream-map\"", "state=\"open\"")))
                .isEqualTo(1.0);
        assertThat(Metrics.sum(exposition, "resilience4j_circuitbreaker_state", List.of()))
                .isEqualTo(1.0);
        assertThat(Metrics.sum(exposition, "db_connections_active", List.of())).isEqualTo(3.0);
        assertThat(Metrics.sum(exposition, "missing_metric", List.of())).isZero();
    }

    @Test
    void anExperimentPassesOnlyWithChecksAllPassedAndNoError() {
        Timeline.Figures none = new Timeline.Figures(0, 0, 0, 0, 0);
        Result passed = new Result(
                "x", "X", "h", "f", none, none, none, List.of(Check.atMost("a", 1, 2, "")), List.of(), 0, 0, null);
        Result failedCheck = new Result(
                "x", "X", "h", "f", none, none, none, List.of(Check.atMost("a", 3, 2, "")), List.of(), 0, 0, null);
        Result broken = new Result("x", "X", "h", "f", none, none, none, List.of(), List.of(), 0, 0, "boom");

        assertThat(passed.passed()).isTrue();
        assertThat(failedCheck.passed()).isFalse();
        assertThat(broken.passed()).isFalse();
    }
}
