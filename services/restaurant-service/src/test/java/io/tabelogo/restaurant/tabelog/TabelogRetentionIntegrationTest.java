package io.tabelogo.restaurant.tabelog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platform.jdbc.Retention;
import io.tabelogo.restaurant.RestaurantServiceIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Processed events are remembered for 30 days, then the clean-up forgets them. */
class TabelogRetentionIntegrationTest extends RestaurantServiceIntegrationTest {

    @Autowired
    Retention retention;

    @Test
    void processedEventsOlderThanThirtyDaysAreForgotten() {
        String old = "job-" + UUID.randomUUID();
        String recent = "job-" + UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO tabelog_syncs (job_id, event_id, outcome, processed_at) VALUES (?, ?, 'applied', ?), "
                        + "(?, ?, 'applied', ?)")
                .params(
                        old,
                        UUID.randomUUID(),
                        Timestamp.from(now.minus(Duration.ofDays(31))),
                        recent,
                        UUID.randomUUID(),
                        Timestamp.from(now.minus(Duration.ofDays(29))))
                .update();
        double before = metricSum("retention_deleted_rows_total", "rule=\"processed_events\"");

        retention.runOnce();

        assertThat(jobs(old)).isZero();
        assertThat(jobs(recent)).isEqualTo(1);
        assertThat(metricSum("retention_deleted_rows_total", "rule=\"processed_events\"") - before)
                .isGreaterThanOrEqualTo(1);
    }

    private long jobs(String jobId) {
        return jdbc.sql("SELECT count(*) FROM tabelog_syncs WHERE job_id = ?")
                .param(jobId)
                .query(Long.class)
                .single();
    }
}
