package io.tabelogo.spider;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platform.jdbc.Retention;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The clean-up of finished jobs and delivered events, run at once on rows of every age in the real database. */
class SpiderRetentionIntegrationTest extends SpiderServiceIntegrationTest {

    @Autowired
    Retention retention;

    @Test
    void finishedJobsGoOnceTheirEventsWereDeliveredAndUnfinishedOrUndeliveredOnesStay() {
        UUID delivered = job("COMPLETED", 40);
        event(delivered, "now() - interval '10 days'");
        UUID undelivered = job("COMPLETED", 40);
        event(undelivered, "NULL");
        UUID failed = job("FAILED", 40);
        UUID recent = job("COMPLETED", 2);
        UUID pending = job("PENDING", 40);
        double before = metricSum("retention_deleted_rows_total", "rule=\"finished_jobs\"");

        retention.runOnce();

        assertThat(exists(delivered)).isFalse();
        assertThat(events(delivered)).isZero();
        assertThat(exists(failed)).isFalse();
        assertThat(exists(undelivered)).isTrue(); // its event must still reach restaurant-service
        assertThat(events(undelivered)).isEqualTo(1);
        assertThat(exists(recent)).isTrue();
        assertThat(exists(pending)).isTrue();
        assertThat(metricSum("retention_deleted_rows_total", "rule=\"finished_jobs\"") - before)
                .isGreaterThanOrEqualTo(2);
    }

    private UUID job(String status, int daysAgo) {
        UUID id = UUID.randomUUID();
        boolean finished = !status.equals("PENDING");
        jdbc.sql("""
                        INSERT INTO scrape_jobs (id, google_id, search_key, place_name, area, max_results, status,
                                                 created_at, completed_at)
                        VALUES (:id, :googleId, :key, 'Old', 'Shibuya', 1, :status,
                                now() - make_interval(days => :days), %s)""".formatted(finished ? "now() - make_interval(days => :days)" : "NULL"))
                .param("id", id)
                .param("googleId", newPlaceId())
                .param("key", UUID.randomUUID().toString())
                .param("status", status)
                .param("days", daysAgo)
                .update();
        return id;
    }

    private void event(UUID job, String confirmedAt) {
        jdbc.sql("INSERT INTO scrape_outbox (event_id, job_id, event, published_at, confirmed_at) "
                        + "VALUES (?, ?, '{}', now() - interval '30 days', " + confirmedAt + ")")
                .params(UUID.randomUUID(), job)
                .update();
    }

    private boolean exists(UUID job) {
        return jdbc.sql("SELECT count(*) FROM scrape_jobs WHERE id = ?")
                        .param(job)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private long events(UUID job) {
        return jdbc.sql("SELECT count(*) FROM scrape_outbox WHERE job_id = ?")
                .param(job)
                .query(Long.class)
                .single();
    }
}
