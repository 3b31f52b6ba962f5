package io.tabelogo.spider.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.redis.SharedRedis;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves stored events to the Redis stream (at least once): takes the oldest unpublished rows with
 * {@code FOR UPDATE SKIP LOCKED} (replicas share the work without publishing a row twice at once), adds each to the
 * stream as one field {@code event}, and marks them published in the same transaction. When Redis is down the
 * transaction rolls back and the rows wait for the next tick; if Redis took an event but the commit failed, the
 * event goes out again later — the consumer is idempotent by job id. {@code spider_outbox_pending} shows the
 * backlog.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StringRedisTemplate streams;
    private final OutboxSettings settings;
    private final Counter published;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicBoolean failing = new AtomicBoolean();
    private ScheduledExecutorService ticks;

    OutboxRelay(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            SharedRedis sharedRedis,
            OutboxSettings settings,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.streams = sharedRedis.template();
        this.settings = settings;
        this.published = Counter.builder("spider.outbox.published")
                .description("Events added to the Redis stream")
                .register(meters);
        Gauge.builder("spider.outbox.pending", pending, AtomicLong::get)
                .description("Events stored but not yet on the Redis stream")
                .register(meters);
    }

    @Override
    public synchronized void start() {
        ticks = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("spider-outbox").daemon().factory());
        ticks.scheduleWithFixedDelay(this::publishAll, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        ticks.shutdown();
        try {
            ticks.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ticks = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return ticks != null;
    }

    void wake() {
        ScheduledExecutorService current = ticks;
        if (current != null) {
            current.execute(this::publishAll);
        }
    }

    /** Publishes batches until none is left or publishing fails, then counts what is left. */
    private void publishAll() {
        try {
            while (publishBatch() == settings.batch()) {
                // a full batch: there may be more
            }
            if (failing.compareAndSet(true, false)) {
                log.info("Events reach the Redis stream {} again", settings.stream());
            }
        } catch (RuntimeException failure) {
            if (failing.compareAndSet(false, true)) {
                log.warn(
                        "Cannot publish events to the Redis stream {} (they stay in the outbox): {}",
                        settings.stream(),
                        failure.toString());
            }
        }
        try {
            pending.set(jdbc.sql("SELECT count(*) FROM scrape_outbox WHERE published_at IS NULL")
                    .query(Long.class)
                    .single());
        } catch (RuntimeException databaseDown) {
            log.debug("Cannot count unpublished events: {}", databaseDown.toString());
        }
    }

    private int publishBatch() {
        Integer count = transactions.execute(status -> {
            List<Row> rows = jdbc.sql("""
                            SELECT id, event FROM scrape_outbox WHERE published_at IS NULL
                            ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED""")
                    .param("batch", settings.batch())
                    .query(Row.class)
                    .list();
            for (Row row : rows) {
                MapRecord<String, String, String> record =
                        StreamRecords.newRecord().in(settings.stream()).ofMap(Map.of("event", row.event()));
                streams.opsForStream().add(record);
            }
            if (!rows.isEmpty()) {
                jdbc.sql("UPDATE scrape_outbox SET published_at = now() WHERE id IN (:ids)")
                        .param("ids", rows.stream().map(Row::id).toList())
                        .update();
                streams.opsForStream().trim(settings.stream(), settings.maxStreamLength(), true);
            }
            return rows.size();
        });
        published.increment(count);
        return count;
    }

    private record Row(long id, String event) {}
}
