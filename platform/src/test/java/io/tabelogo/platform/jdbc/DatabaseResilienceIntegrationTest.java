package io.tabelogo.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platform.PlatformIntegrationTest;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;

class DatabaseResilienceIntegrationTest extends PlatformIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void statementOverThreeSecondsIsCancelledAnd503DbTimeout() {
        long start = System.nanoTime();
        var response = get("/probe/sleep?seconds=10");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertProblem(response, 503, "DB_TIMEOUT");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(took).isBetween(Duration.ofMillis(2_900), Duration.ofMillis(6_000));
    }

    @Test
    void saturatedPoolAnswers503InAboutASecondInsteadOfHanging() throws Exception {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 25; i++) { // the whole pool (max 25)
                held.add(dataSource.getConnection());
            }
            long start = System.nanoTime();
            var response = get("/probe/sleep?seconds=0");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertProblem(response, 503, "DB_POOL_EXHAUSTED");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(2_500));
            assertThat(get("/metrics").body())
                    .containsPattern("db_connections_active\\{[^}]*service=\"platform-probe\"[^}]*} 25");
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        assertThat(get("/probe/sleep?seconds=0").statusCode()).isEqualTo(200);
    }

    @Test
    void slowStatementsAreCountedAndLoggedWithTheTraceId(CapturedOutput output) {
        double before = metricSum("db_slow_queries_total");

        var response = get("/probe/sleep?seconds=0.2", "X-Request-ID", "slow-sql-check");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(metricSum("db_slow_queries_total")).isEqualTo(before + 1);
        String slowLine = output.getOut()
                .lines()
                .filter(l -> l.contains("Slow SQL") && l.contains("slow-sql-check"))
                .findFirst()
                .orElseThrow();
        assertThat(slowLine).containsPattern("\"trace_id\":\"[0-9a-f]{32}\"").contains("pg_sleep");
    }

    @Test
    void queryDurationsAreRecordedPerOperation() {
        get("/probe/sleep?seconds=0");

        String metrics = get("/metrics").body();
        assertThat(metrics)
                .containsPattern(
                        "db_query_duration_seconds_count\\{[^}]*operation=\"select\"[^}]*service=\"platform-probe\"")
                .contains("db_connections_idle{")
                .contains("db_connections_pending{")
                .contains("hikaricp_connections_max{");
    }
}
