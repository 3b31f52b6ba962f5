package io.tabelogo.spider.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tabelogo.spider.scraper.TabelogRestaurant;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job as HTTP shows it, in {@code GET /jobs/{id}} and in the SSE {@code update} events: results only
 * once COMPLETED, the error only once FAILED, {@code duration} in seconds once finished.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record JobView(
        UUID jobId,
        String googleId,
        JobStatus status,
        List<TabelogRestaurant> results,
        String error,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        Double duration) {

    static JobView of(ScrapeJob job) {
        return new JobView(
                job.id(),
                job.googleId(),
                job.status(),
                job.status() == JobStatus.COMPLETED ? job.results() : null,
                job.status() == JobStatus.FAILED ? job.error() : null,
                job.createdAt(),
                job.startedAt(),
                job.completedAt(),
                job.duration() == null ? null : job.duration().toMillis() / 1000.0);
    }
}
