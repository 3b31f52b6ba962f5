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
 * <p>Interrupts reach a worker only while it scrapes, never during its database calls: a virtual thread interrupted
 * in socket I/O closes the socket, so an interrupted claim could commit in PostgreSQL yet be lost to the worker,
 * leaving the job RUNNING until its lease ran out.
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
    /** The workers scraping now, and their jobs: the only workers that may be interrupted (under this lock). */
    private final Map<Thread, ScrapeJob> scraping = new ConcurrentHashMap<>();

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

    /** Interrupts the scraping workers, each gives its job back, and wakes the idle ones, which then end. */
    @Override
    public synchronized void stop() {
        synchronized (scraping) {
            active = false;
            scraping.keySet().forEach(Thread::interrupt);
        }
        wakeUp.release(threads.size());
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
                } else {
                    wakeUp.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException notExpected) {
                Thread.currentThread().interrupt(); // only run() is interrupted, and it keeps that to itself
                return;
            } catch (RuntimeException failure) {
                if (databaseFailing.compareAndSet(false, true)) {
                    log.warn(
                            "Workers cannot reach the job table, trying again every {}: {}",
                            settings.pollInterval(),
                            failure.toString());
                }
                try {
                    Thread.sleep(settings.pollInterval());
                } catch (InterruptedException notExpected) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void run(ScrapeJob job) {
        if (!startScraping(job)) {
            giveBack(job); // claimed just as this replica began to stop
            return;
        }
        metrics.started();
        log.info("Job {} started (attempt {}): '{}' in '{}'", job.id(), job.attempts(), job.searchName(), job.area());
        List<TabelogRestaurant> results = null;
        String failure = null;
        RuntimeException bug = null;
        boolean interrupted = false;
        try {
            results = scraper.search(job.area(), job.searchName(), job.maxResults());
        } catch (ScrapeFailed failed) {
            failure = failed.getMessage(); // unless an interrupt caused it (below)
        } catch (InterruptedException stopped) {
            interrupted = true; // a sleep or wait that was interrupted: the flag is already cleared
        } catch (RuntimeException unexpected) {
            bug = unexpected;
        }
        interrupted |= stopScraping();
        if (results != null) {
            finish(job, results); // fenced: nothing is written if the lease was taken over meanwhile
        } else if (interrupted) {
            giveBack(job); // stopping; fenced, so a job whose lease was taken over stays with its new worker
        } else if (failure != null) {
            jobs.fail(job, failure).ifPresentOrElse(this::failed, () -> lost(job));
        } else if (bug != null) {
            log.error("Job {} failed unexpectedly", job.id(), bug);
            jobs.fail(job, "internal error (" + bug.getClass().getSimpleName() + ")")
                    .ifPresent(this::failed);
        }
    }

    /** Enters the interruptible part of a job, unless this replica is stopping. */
    private boolean startScraping(ScrapeJob job) {
        synchronized (scraping) {
            if (!active) {
                return false;
            }
            scraping.put(Thread.currentThread(), job);
            return true;
        }
    }

    /** Leaves it: no interrupt reaches this worker from here on, and one that came is taken (and told). */
    private boolean stopScraping() {
        synchronized (scraping) {
            scraping.remove(Thread.currentThread());
            return Thread.interrupted();
        }
    }

    private void giveBack(ScrapeJob job) {
        if (jobs.release(job)) {
            log.info("Job {} given back: this replica is stopping", job.id());
        } else {
            lost(job);
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
        cache.put(finished.googleId(), finished.searchKey(), results, finished.completedAt());
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
        scraping.forEach((worker, job) -> {
            try {
                if (!jobs.renewLease(job, settings.lease())) {
                    synchronized (scraping) {
                        if (scraping.remove(worker, job)) { // still scraping the job it lost
                            worker.interrupt();
                        }
                    }
                }
            } catch (RuntimeException failure) {
                log.warn("Could not renew the lease of job {}: {}", job.id(), failure.toString());
            }
        });
    }
}
