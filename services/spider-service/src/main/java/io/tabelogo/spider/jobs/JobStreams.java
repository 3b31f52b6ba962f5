package io.tabelogo.spider.jobs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.spider.SpiderErrorCodes;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /jobs/{id}/stream}: Server-Sent Events following one job — {@code update} with the job on
 * every status change (the first at once), {@code done} when it has finished, {@code error} for an unknown job,
 * a comment heartbeat on quiet connections, and the end after {@code streamMaxDuration} whatever happens. A job may
 * run on another replica, so streams poll the database. No thread per stream: a small shared scheduler ticks every
 * stream, and a stream whose client went away (the next write fails) is cancelled, so nothing leaks;
 * {@code spider_sse_streams_active} counts open streams.
 */
@Component
class JobStreams implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobStreams.class);

    private final Scrapes scrapes;
    private final JobSettings settings;
    private final JobMetrics metrics;
    private final StreamLeases leases;
    private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(
            2, Thread.ofPlatform().name("spider-sse-", 0).daemon().factory());
    private final AtomicInteger open = new AtomicInteger();
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    JobStreams(Scrapes scrapes, JobSettings settings, JobMetrics metrics, StreamLeases leases, MeterRegistry meters) {
        this.scrapes = scrapes;
        this.settings = settings;
        this.metrics = metrics;
        this.leases = leases;
        Gauge.builder("spider.sse.streams.active", open, AtomicInteger::get)
                .description("Open job progress streams")
                .register(meters);
    }

    /**
     * Follows the job for {@code user} (null for an internal caller); 429 beyond the streams a user may have open
     * across all replicas ({@link StreamLeases}).
     */
    SseEmitter follow(UUID jobId, String user) {
        UUID id = UUID.randomUUID();
        if (user != null && !leases.take(user, id, settings.streamsPerUser(), () -> openBy(user))) {
            metrics.quotaRejected("streams");
            throw SpiderErrorCodes.quotaExceeded(
                    "You have " + settings.streamsPerUser() + " job streams open, the most at once. Close one, or "
                            + "follow a job by polling it.",
                    10);
        }
        // The servlet container's own limit is a backstop behind the stream's own end.
        SseEmitter emitter =
                new SseEmitter(settings.streamMaxDuration().plusSeconds(30).toMillis());
        Stream stream = new Stream(id, jobId, user, emitter);
        emitter.onCompletion(stream::cancel);
        emitter.onTimeout(stream::cancel);
        emitter.onError(failure -> stream.cancel());
        open.incrementAndGet();
        streams.add(stream);
        if (!running) {
            stream.close("the server is stopping");
            return emitter;
        }
        stream.ticking = ticks.scheduleWithFixedDelay(
                stream::tick, 0, settings.streamPoll().toMillis(), TimeUnit.MILLISECONDS);
        return emitter;
    }

    private long openBy(String user) {
        return streams.stream().filter(stream -> user.equals(stream.user)).count();
    }

    int openStreams() {
        return open.get();
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every stream before the web server drains requests, so open streams do not hold up a shutdown. */
    @Override
    public void stop() {
        running = false;
        streams.forEach(stream -> stream.close("the server is stopping"));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() {
        ticks.shutdownNow();
    }

    private final class Stream {

        private final UUID id;
        private final UUID jobId;
        private final String user;
        private final SseEmitter emitter;
        private final long started = System.nanoTime();
        private long lastWrite = System.nanoTime();
        private long lastRenewal = System.nanoTime();
        private JobStatus lastSent;
        private boolean ended;
        volatile ScheduledFuture<?> ticking;

        Stream(UUID id, UUID jobId, String user, SseEmitter emitter) {
            this.id = id;
            this.jobId = jobId;
            this.user = user;
            this.emitter = emitter;
        }

        synchronized void tick() {
            if (ended) {
                return;
            }
            renewLease();
            try {
                if (elapsed(started).compareTo(settings.streamMaxDuration()) >= 0) {
                    emitter.send(SseEmitter.event()
                            .comment("closing: streams last at most " + settings.streamMaxDuration()));
                    end();
                    return;
                }
                Optional<ScrapeJob> job = lookUp();
                if (job == null) {
                    heartbeatIfQuiet(); // the database is unavailable for now; the job is still there
                } else if (job.isEmpty()) {
                    send("error", Map.of("error", "job not found"));
                    end();
                } else {
                    ScrapeJob current = job.get();
                    if (current.status() != lastSent) {
                        send("update", JobView.of(current));
                        lastSent = current.status();
                    }
                    if (current.status().finished()) {
                        send(
                                "done",
                                Map.of(
                                        "message",
                                        "job " + current.status().name().toLowerCase()));
                        end();
                    } else {
                        heartbeatIfQuiet();
                    }
                }
            } catch (IOException | IllegalStateException gone) {
                log.debug("Stream of job {} closed by its client: {}", jobId, gone.toString());
                cancel();
            }
        }

        /** Ends the stream with a comment saying why (clients reconnect if they still care). */
        synchronized void close(String why) {
            if (ended) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().comment("closing: " + why));
                end();
            } catch (IOException | IllegalStateException gone) {
                cancel();
            }
        }

        private void renewLease() {
            if (user != null && elapsed(lastRenewal).compareTo(leases.renewEvery()) >= 0) {
                leases.renew(user, id);
                lastRenewal = System.nanoTime();
            }
        }

        private Optional<ScrapeJob> lookUp() {
            try {
                return scrapes.find(jobId);
            } catch (RuntimeException databaseDown) {
                log.debug("Stream of job {} could not read the job: {}", jobId, databaseDown.toString());
                return null;
            }
        }

        private void heartbeatIfQuiet() throws IOException {
            if (elapsed(lastWrite).compareTo(settings.streamHeartbeat()) >= 0) {
                emitter.send(SseEmitter.event().comment("heartbeat"));
                lastWrite = System.nanoTime();
            }
        }

        private void send(String name, Object data) throws IOException {
            emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
            lastWrite = System.nanoTime();
        }

        private void end() {
            emitter.complete();
            cancel();
        }

        /** Idempotent: the emitter's callbacks and the stream itself may both end it. */
        synchronized void cancel() {
            if (!ended) {
                ended = true;
                open.decrementAndGet();
                streams.remove(this);
                if (user != null) {
                    leases.giveBack(user, id);
                }
            }
            ScheduledFuture<?> future = ticking;
            if (future != null) {
                future.cancel(false);
            }
        }

        private static Duration elapsed(long since) {
            return Duration.ofNanos(System.nanoTime() - since);
        }
    }
}
