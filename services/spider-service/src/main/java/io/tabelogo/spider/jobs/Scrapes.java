package io.tabelogo.spider.jobs;

import io.tabelogo.platform.error.ApiException;
import io.tabelogo.spider.SpiderErrorCodes;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Asking for a place's Tabelog restaurants (HTTP and gRPC): answered from the result cache when it can, else by
 * a job — the same search's PENDING or RUNNING one if it has one (two users asking at once share a job), or a new
 * one that wakes a worker. A new job counts against its requester's quotas (active jobs, jobs per hour): 429
 * {@code QUOTA_EXCEEDED} with {@code Retry-After} beyond them; answers from the cache and shared jobs are free.
 */
@Service
public class Scrapes {

    private final ScrapeJobs jobs;
    private final ResultCache cache;
    private final JobWorkers workers;
    private final JobMetrics metrics;
    private final JobSettings settings;
    private final TransactionTemplate transactions;

    Scrapes(
            ScrapeJobs jobs,
            ResultCache cache,
            JobWorkers workers,
            JobMetrics metrics,
            JobSettings settings,
            TransactionTemplate transactions) {
        this.jobs = jobs;
        this.cache = cache;
        this.workers = workers;
        this.metrics = metrics;
        this.settings = settings;
        this.transactions = transactions;
    }

    /** What a scrape request got: cached results, or the job that will produce them. */
    public sealed interface Submission {
        record Cached(CachedResults results) implements Submission {}

        record Queued(ScrapeJob job) implements Submission {}
    }

    /** @param requester the user asking (the token's subject), or null for an internal caller without one */
    public Submission submit(ScrapeRequest request, String requester) {
        try {
            ScrapeRequest valid = request.validated();
            Optional<CachedResults> cached = cache.get(valid.googleId(), valid.searchKey());
            if (cached.isPresent()) {
                metrics.request("cached");
                return new Submission.Cached(cached.get());
            }
            ScrapeJob job = activeOrNew(valid, requester);
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

    /** Inside the transaction that inserts the job, holding the requester's lock. */
    private void withinQuota(String requester) {
        jobs.lockRequester(requester);
        ScrapeJobs.RequesterLoad load = jobs.load(requester, Duration.ofHours(1));
        if (load.active() >= settings.activeJobsPerUser()) {
            metrics.quotaRejected("active_jobs");
            throw SpiderErrorCodes.quotaExceeded(
                    "You have " + load.active() + " scrape jobs under way, the most at once. Follow them, then ask "
                            + "again.",
                    15);
        }
        if (load.recent() >= settings.jobsPerHourPerUser()) {
            metrics.quotaRejected("jobs_per_hour");
            throw SpiderErrorCodes.quotaExceeded(
                    "You started " + load.recent() + " scrape jobs within the last hour, the most allowed.",
                    load.recentEndsIn());
        }
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

    private ScrapeJob activeOrNew(ScrapeRequest request, String requester) {
        // The insert and the lookup race with other requests and with the job finishing: a few rounds settle it.
        for (int round = 0; round < 3; round++) {
            Optional<ScrapeJob> active = jobs.findActive(request.googleId(), request.searchKey());
            if (active.isPresent()) {
                return active.get();
            }
            ScrapeJob created = transactions.execute(status -> {
                if (requester != null) {
                    withinQuota(requester);
                }
                return jobs.insertUnlessActive(request, requester);
            });
            if (created != null) {
                workers.wake();
                return created;
            }
        }
        throw new IllegalStateException("the place's job kept changing while a scrape was requested");
    }
}
