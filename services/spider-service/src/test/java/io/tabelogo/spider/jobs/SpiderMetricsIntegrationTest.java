package io.tabelogo.spider.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tabelogo.spider.SpiderServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The service's metrics exist before any traffic, and the gauges follow what they measure. */
class SpiderMetricsIntegrationTest extends SpiderServiceIntegrationTest {

    @Test
    void everySpecMetricIsPublishedFromTheStart() {
        String metrics = get("/metrics").body();

        for (String series : List.of(
                "spider_scrape_requests_total{",
                "spider_scrape_duration_seconds_count{",
                "spider_scrape_errors_total{",
                "spider_restaurants_scraped_total{",
                "spider_jobs_total{",
                "spider_job_duration_seconds_bucket{",
                "spider_job_queue_length{",
                "spider_worker_pool_size{",
                "spider_cache_hits_total{",
                "spider_cache_misses_total{",
                "spider_circuit_breaker_state{",
                "spider_rate_limit_per_minute{",
                "spider_outbox_pending{",
                "spider_sse_streams_active{")) {
            assertThat(metrics).as(series).contains(series);
        }
        assertThat(metricSum("spider_worker_pool_size")).isEqualTo(2);
        assertThat(metricSum("spider_rate_limit_per_minute")).isEqualTo(6000);
        assertThat(metricSum("spider_circuit_breaker_state", "circuit=\"tabelog\""))
                .isZero();
    }

    @Test
    void theQueueLengthCountsJobsWaitingWhileEveryWorkerIsBusy() {
        TABELOG.delay(Duration.ofMillis(300)); // each job holds its worker for a few seconds
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // two workers: three jobs wait
            HttpResponse<String> accepted = scrape("""
                    {"google_id": "%s", "place_name": "Queued %s", "area": "Shibuya", "max_results": 10}""".formatted(newPlaceId(), UUID.randomUUID()));
            jobs.add(json(accepted).get("job_id").asString());
        }

        await().atMost(Duration.ofSeconds(3)).until(() -> metricSum("spider_job_queue_length") == 3);

        TABELOG.heal();
        jobs.forEach(this::finished);
        await().atMost(Duration.ofSeconds(3)).until(() -> metricSum("spider_job_queue_length") == 0);
    }
}
