package io.tabelogo.spider.jobs;

import io.tabelogo.platform.error.ApiException;
import io.tabelogo.spider.SpiderErrorCodes;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Asking for a place's Tabelog restaurants (HTTP and gRPC): answered from the result cache when it can, else by
 * a job — the place's PENDING or RUNNING one if it has one (two users asking at once share a job), or a new one
 * that wakes a worker.
 */
@Service
public class Scrapes {

    private final ScrapeJobs jobs;
    private final ResultCache cache;
    private final JobWorkers workers;
    private final JobMetrics metrics;

    Scrapes(ScrapeJobs jobs, ResultCache cache, JobWorkers workers, JobMetrics metrics) {
        this.jobs = jobs;
        this.cache = cache;
        this.workers = workers;
        this.metrics = metrics;
    }

    /** What a scrape request got: cached results, or the job that will produce them. */
    public sealed interface Submission {
        record Cached(CachedResults results) implements Submission {}

        record Queued(ScrapeJob job) implements Submission {}
    }

    public Submission submit(ScrapeRequest request) {
        try {
            ScrapeRequest valid = request.validated();
            Optional<CachedResults> cached = cache.get(valid.googleId(), valid.searchKey());
            if (cached.isPresent()) {
                metrics.request("cached");
                return new Submission.Cached(cached.get());
            }
            ScrapeJob job = activeOrNew(valid);
            metrics.request("accepted");
            return new Submission.Queued(job);
        } catch (RuntimeException failure) {
            metrics.request("failed");
            throw failure;
        }
    }

    public ScrapeJob job(UUID id) {
        return jobs.find(id).orElseThrow(() -> SpiderErrorCodes.jobNotFound(id));
    }

    public Optional<ScrapeJob> find(UUID id) {
        return jobs.find(id);
    }

    /** A job id from a request: 400 when it is not a UUID. */
    public static UUID jobId(String field, String value) {
        try {
            if (value != null && value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException malformed) {
            // answered below
        }
        throw ApiException.validation(
                "The job id is not a UUID.", java.util.List.of(new ApiException.FieldProblem(field, "must be a UUID")));
    }

    private ScrapeJob activeOrNew(ScrapeRequest request) {
        // The insert and the lookup race with other requests and with the job finishing: a few rounds settle it.
        for (int round = 0; round < 3; round++) {
            ScrapeJob created = jobs.insertUnlessActive(request);
            if (created != null) {
                workers.wake();
                return created;
            }
            Optional<ScrapeJob> active = jobs.findActive(request.googleId(), request.searchKey());
            if (active.isPresent()) {
                return active.get();
            }
        }
        throw new IllegalStateException("the place's job kept changing while a scrape was requested");
    }
}
