package io.tabelogo.spider.jobs;

import io.tabelogo.spider.outbox.Outbox;
import io.tabelogo.spider.scraper.ScrapeFailed;
import io.tabelogo.spider.scraper.TabelogRestaurant;
import io.tabelogo.spider.scraper.TabelogScraper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker pool: {@code workers} virtual threads, each claiming one job at a time from PostgreSQL and running it
 * to COMPLETED or FAILED — never leaving it stuck: a scrape failure fails the job with its reason, a shutdown gives
 * the job back (PENDING), and a crash leaves a lease that expires so another replica takes the job over. While a
 * job runs its lease is renewed; a worker whose lease was taken over is interrupted and its late results are
 * discarded (the fenced updates of {@link ScrapeJobs}), so a job never runs twice at once.
 *
 * <p>Completion writes the results and the {@code scrape.completed} event in one transaction (the outbox), then
 * fills the result cache.
 */
@Component
class JobWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);

    private final ScrapeJobs jobs;
    private final TabelogScraper scraper;
    private final ResultCache cache;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final JobMetrics metrics;
    private final JobSettings settings;
    private final JsonMapper json;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Map<Thread, ScrapeJob> running = new ConcurrentHashMap<>();
    private final AtomicBoolean databaseFailing = new AtomicBoolean();
    private volatile boolean active;
    private List<Thread> threads = List.of();
    private ScheduledExecutorService housekeeping;

    JobWorkers(
            ScrapeJobs jobs,
            TabelogScraper scraper,
            ResultCache cache,
            Outbox outbox,
            TransactionTemplate transactions,
            JobMetrics metrics,
            JobSettings settings,
            JsonMapper json) {
        this.jobs = jobs;
        this.scraper = scraper;
        this.cache = cache;
        this.outbox = outbox;
        this.transactions = transactions;
        this.metrics = metrics;
        this.settings = settings;
        this.json = json;
    }

    /** A job was submitted here: let an idle worker take it now rather than at its next poll. */
    void wake() {
        wakeUp.release();
    }

    @Override
    public synchronized void start() {
        active = true;
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < settings.workers(); i++) {
            started.add(Thread.ofVirtual().name("spider-worker-" + i).start(this::work));
        }
        threads = List.copyOf(started);
        housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("spider-housekeeping").daemon().factory());
        long every = Math.max(1, settings.lease().toMillis() / 3);
        housekeeping.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
        // Apart from the workers: the queue grows precisely when every worker is busy.
        housekeeping.scheduleWithFixedDelay(
                this::countQueue, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Interrupts the workers; each gives its job back before it ends. */
    @Override
    public synchronized void stop() {
        active = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                if (!thread.join(Duration.ofSeconds(10))) {
                    log.warn("Worker {} did not stop within 10 s; its job's lease will expire", thread.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        housekeeping.shutdownNow();
        threads = List.of();
    }

    @Override
    public synchronized boolean isRunning() {
        return active;
    }

    private void work() {
        while (active) {
            try {
                jobs.abandonExhausted(settings.maxAttempts()).forEach(metrics::finished);
                Optional<ScrapeJob> claimed = jobs.claimNext(settings.lease(), settings.maxAttempts());
                databaseFailing.set(false);
                if (claimed.isPresent()) {
                    run(claimed.get());
                    Thread.interrupted(); // a lease lost just as the job ended concerns that job only
                } else {
                    wakeUp.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException interrupted) {
                if (!active) {
                    return;
                }
                // the job's lease was taken over: this worker goes on with the next job
            } catch (RuntimeException failure) {
                if (databaseFailing.compareAndSet(false, true)) {
                    log.warn(
                            "Workers cannot reach the job table, trying again every {}: {}",
                            settings.pollInterval(),
                            failure.toString());
                }
                try {
                    Thread.sleep(settings.pollInterval());
                } catch (InterruptedException stop) {
                    if (!active) {
                        return;
                    }
                }
            }
        }
    }

    private void run(ScrapeJob job) throws InterruptedException {
        metrics.started();
        running.put(Thread.currentThread(), job);
        log.info("Job {} started (attempt {}): '{}' in '{}'", job.id(), job.attempts(), job.searchName(), job.area());
        try {
            List<TabelogRestaurant> results = scraper.search(job.area(), job.searchName(), job.maxResults());
            finish(job, results);
        } catch (ScrapeFailed failed) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopping"); // the failure was the interruption itself
            }
            jobs.fail(job, failed.getMessage()).ifPresentOrElse(this::failed, () -> lost(job));
        } catch (InterruptedException stop) {
            if (running.get(Thread.currentThread()) != null && jobs.release(job)) {
                log.info("Job {} given back: this replica is stopping", job.id());
            }
            throw stop;
        } catch (RuntimeException bug) {
            log.error("Job {} failed unexpectedly", job.id(), bug);
            jobs.fail(job, "internal error (" + bug.getClass().getSimpleName() + ")")
                    .ifPresent(this::failed);
        } finally {
            running.remove(Thread.currentThread());
        }
    }

    private void finish(ScrapeJob job, List<TabelogRestaurant> results) {
        Optional<ScrapeJob> completed = transactions.execute(status -> {
            Optional<ScrapeJob> done = jobs.complete(job, results);
            done.ifPresent(finished -> {
                ScrapeCompleted event = ScrapeCompleted.of(finished);
                outbox.add(event.eventId(), finished.id(), json.writeValueAsString(event));
            });
            return done;
        });
        if (completed.isEmpty()) {
            lost(job);
            return;
        }
        ScrapeJob finished = completed.get();
        outbox.publishSoon();
        cache.put(finished.googleId(), results, finished.completedAt());
        metrics.finished(finished);
        log.info(
                "Job {} completed: {} restaurants in {} ms",
                job.id(),
                results.size(),
                finished.duration().toMillis());
    }

    private void failed(ScrapeJob job) {
        metrics.finished(job);
        log.warn("Job {} failed: {}", job.id(), job.error());
    }

    private void lost(ScrapeJob job) {
        log.warn(
                "Job {} attempt {} lost its lease to another worker; its outcome is discarded",
                job.id(),
                job.attempts());
    }

    private void countQueue() {
        try {
            metrics.queueLength(jobs.countPending());
        } catch (RuntimeException databaseDown) {
            log.debug("Cannot count pending jobs: {}", databaseDown.toString());
        }
    }

    /** Keeps running jobs claimed; a worker whose job was taken over stops working on it. */
    private void renewLeases() {
        running.forEach((worker, job) -> {
            try {
                if (!jobs.renewLease(job, settings.lease())) {
                    running.remove(worker, job); // nothing left to give back
                    worker.interrupt();
                }
            } catch (RuntimeException failure) {
                log.warn("Could not renew the lease of job {}: {}", job.id(), failure.toString());
            }
        });
    }
}
