package io.tabelogo.spider.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.redis.SharedRedis;
import java.util.ArrayList;
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
import org.springframework.data.redis.connection.stream.RecordId;
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
 *
 * <p>A published event is not forgotten: it stays unconfirmed until every consumer group has read and acknowledged
 * it ({@link StreamDeliveries}), and is published again when it left the stream before that — Redis restarted
 * without its data, or the stream was trimmed past it ({@code spider_outbox_republished_total},
 * {@code spider_outbox_unconfirmed}).
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StringRedisTemplate streams;
    private final OutboxSettings settings;
    private final StreamDeliveries deliveries;
    private final Counter published;
    private final Counter republished;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong unconfirmed = new AtomicLong();
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
        this.deliveries = new StreamDeliveries(streams, settings.stream(), settings.consumerGroups());
        this.published = Counter.builder("spider.outbox.published")
                .description("Events added to the Redis stream")
                .register(meters);
        this.republished = Counter.builder("spider.outbox.republished")
                .description("Events published again because they left the stream before every consumer read them")
                .register(meters);
        Gauge.builder("spider.outbox.unconfirmed", unconfirmed, AtomicLong::get)
                .description("Events on the stream not yet acknowledged by every consumer group")
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
        ticks.scheduleWithFixedDelay(
                this::confirmAll,
                settings.confirmInterval().toMillis(),
                settings.confirmInterval().toMillis(),
                TimeUnit.MILLISECONDS);
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
            if (!rows.isEmpty()) {
                String epoch = deliveries.epoch();
                for (Row row : rows) {
                    markPublished(row.id(), add(row.event()), epoch);
                }
                streams.opsForStream().trim(settings.stream(), settings.maxStreamLength(), true);
            }
            return rows.size();
        });
        published.increment(count);
        return count;
    }

    /** Confirms what every consumer group took, publishes again what the stream lost, in batches. */
    private void confirmAll() {
        try {
            while (confirmBatch() == settings.batch()) {
                // a full batch: there may be more
            }
            unconfirmed.set(jdbc.sql("SELECT count(*) FROM scrape_outbox "
                            + "WHERE published_at IS NOT NULL AND confirmed_at IS NULL")
                    .query(Long.class)
                    .single());
        } catch (RuntimeException failure) {
            log.debug("Cannot confirm published events now: {}", failure.toString());
        }
    }

    private int confirmBatch() {
        Integer count = transactions.execute(status -> {
            List<Published> rows = jdbc.sql("""
                            SELECT id, event, stream_id, stream_epoch FROM scrape_outbox
                            WHERE published_at IS NOT NULL AND confirmed_at IS NULL
                            ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED""")
                    .param("batch", settings.batch())
                    .query(Published.class)
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            StreamDeliveries.Round round = deliveries.round();
            List<Long> taken = new ArrayList<>();
            int lost = 0;
            for (Published row : rows) {
                switch (round.fate(row.streamId(), row.streamEpoch())) {
                    case TAKEN -> taken.add(row.id());
                    case LOST -> {
                        markPublished(row.id(), add(row.event()), round.epoch());
                        lost++;
                    }
                    case UNDER_WAY -> {
                        // a consumer group has still to read or acknowledge it
                    }
                }
            }
            if (!taken.isEmpty()) {
                jdbc.sql("UPDATE scrape_outbox SET confirmed_at = now() WHERE id IN (:ids)")
                        .param("ids", taken)
                        .update();
            }
            if (lost > 0) {
                log.warn(
                        "{} events had left the stream {} before every consumer read them: published again",
                        lost,
                        settings.stream());
                republished.increment(lost);
            }
            return rows.size();
        });
        return count == null ? 0 : count;
    }

    private String add(String event) {
        MapRecord<String, String, String> record =
                StreamRecords.newRecord().in(settings.stream()).ofMap(Map.of("event", event));
        RecordId id = streams.opsForStream().add(record);
        return id == null ? null : id.getValue();
    }

    private void markPublished(long id, String streamId, String epoch) {
        jdbc.sql("UPDATE scrape_outbox SET published_at = now(), stream_id = :streamId, stream_epoch = :epoch "
                        + "WHERE id = :id")
                .param("streamId", streamId)
                .param("epoch", epoch)
                .param("id", id)
                .update();
    }

    private record Row(long id, String event) {}

    private record Published(long id, String event, String streamId, String streamEpoch) {}
}
