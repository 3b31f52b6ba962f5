package io.tabelogo.spider.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The job and request metrics, all registered at zero: {@code spider_jobs_total{status}},
 * {@code spider_job_duration_seconds{status}}, {@code spider_job_queue_length} (PENDING jobs in the database, set
 * by the workers), {@code spider_worker_pool_size}, {@code spider_scrape_requests_total{status}} and
 * {@code spider_quota_rejections_total{quota=active_jobs|jobs_per_hour|streams}}.
 */
@Component
class JobMetrics {

    private final MeterRegistry meters;
    private final AtomicLong queueLength = new AtomicLong();

    JobMetrics(MeterRegistry meters, JobSettings settings) {
        this.meters = meters;
        Gauge.builder("spider.job.queue.length", queueLength, AtomicLong::get)
                .description("Scrape jobs waiting for a worker (all replicas)")
                .register(meters);
        Gauge.builder("spider.worker.pool.size", settings, JobSettings::workers)
                .description("Jobs this replica runs at once")
                .register(meters);
        for (JobStatus status : List.of(JobStatus.RUNNING, JobStatus.COMPLETED, JobStatus.FAILED)) {
            jobs(status);
        }
        for (JobStatus status : List.of(JobStatus.COMPLETED, JobStatus.FAILED)) {
            duration(status);
        }
        for (String status : List.of("accepted", "cached", "failed")) {
            requests(status);
        }
        for (String quota : List.of("active_jobs", "jobs_per_hour", "streams")) {
            quotaRejections(quota);
        }
    }

    void quotaRejected(String quota) {
        quotaRejections(quota).increment();
    }

    private Counter quotaRejections(String quota) {
        return Counter.builder("spider.quota.rejections")
                .description("Requests refused because the user's quota was used up")
                .tag("quota", quota)
                .register(meters);
    }

    void started() {
        jobs(JobStatus.RUNNING).increment();
    }

    void finished(ScrapeJob job) {
        jobs(job.status()).increment();
        Duration duration = job.duration();
        if (duration != null) {
            duration(job.status()).record(duration);
        }
    }

    void queueLength(long pending) {
        queueLength.set(pending);
    }

    /** A scrape request: {@code accepted} (a job), {@code cached} (answered from the cache) or {@code failed}. */
    void request(String status) {
        requests(status).increment();
    }

    private Counter jobs(JobStatus status) {
        return Counter.builder("spider.jobs")
                .description("Scrape jobs started, completed and failed")
                .tag("status", status.name().toLowerCase())
                .register(meters);
    }

    private Timer duration(JobStatus status) {
        return Timer.builder("spider.job.duration")
                .description("Time from a job's start to its end")
                .tag("status", status.name().toLowerCase())
                .serviceLevelObjectives(
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(120),
                        Duration.ofSeconds(300))
                .register(meters);
    }

    private Counter requests(String status) {
        return Counter.builder("spider.scrape.requests")
                .description("Scrape requests by outcome")
                .tag("status", status)
                .register(meters);
    }
}
