package io.tabelogo.restaurant.tabelog;

import io.tabelogo.platform.redis.SharedRedis;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.PendingMessages;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StreamOperations;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes the spider's {@code scrape.completed} events from the shared Redis stream as a member of the
 * {@code restaurant-service} group: an event is acknowledged only after its update commits, so a crash
 * leaves it pending, and pending events idle for {@code claim-idle} are taken over by a live replica. A malformed
 * event is logged, counted and moved to the dead-letter stream (then acknowledged), as is one that failed
 * {@code max-deliveries} times, so no event blocks the group. Reads poll (no {@code BLOCK}): the shared connection
 * is multiplexed and keeps its short command timeout.
 */
@Component
class TabelogEventConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TabelogEventConsumer.class);
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    private final StringRedisTemplate redis;
    private final StreamOperations<String, Object, Object> streams;
    private final TabelogEnrichment enrichment;
    private final TabelogSettings settings;
    private final JsonMapper json;
    private final String consumer;
    private volatile boolean running;
    private volatile boolean groupReady;
    private boolean failing;
    private Thread loop;
    private long nextClaim;

    TabelogEventConsumer(SharedRedis shared, TabelogEnrichment enrichment, TabelogSettings settings, JsonMapper json) {
        this.redis = shared.template();
        this.streams = redis.opsForStream();
        this.enrichment = enrichment;
        this.settings = settings;
        this.json = json;
        this.consumer = ManagementFactory.getRuntimeMXBean().getName() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("Tabelog event consumer disabled");
            return;
        }
        running = true;
        loop = Thread.ofVirtual().name("tabelog-events").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        log.info("Consuming {} as {} of group {}", settings.stream(), consumer, settings.group());
        while (running) {
            try {
                ensureGroup();
                if (System.nanoTime() >= nextClaim) {
                    takeOverAbandoned();
                    nextClaim = System.nanoTime() + settings.claimIdle().toNanos() / 2;
                }
                List<MapRecord<String, Object, Object>> records = streams.read(
                        Consumer.from(settings.group(), consumer),
                        StreamReadOptions.empty().count(settings.batch()),
                        StreamOffset.create(settings.stream(), ReadOffset.lastConsumed()));
                if (failing) {
                    failing = false;
                    log.info("Reading {} again", settings.stream());
                }
                if (records == null || records.isEmpty()) {
                    Thread.sleep(settings.pollInterval());
                    continue;
                }
                records.forEach(this::handle);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException failure) {
                if (mentions(failure, "NOGROUP")) {
                    groupReady = false; // the stream or group is gone (e.g. Redis restarted empty)
                }
                if (!failing) { // one line per outage, not one per retry
                    failing = true;
                    log.warn(
                            "Reading {} failed, retrying every {}: {}", settings.stream(), BACKOFF, failure.toString());
                } else {
                    log.debug("Reading {} failed again: {}", settings.stream(), failure.toString());
                }
                sleep(BACKOFF);
            }
        }
    }

    /** Joins the group, creating it (and the stream) on first use; a new group starts from the stream's start. */
    private void ensureGroup() {
        if (groupReady) {
            return;
        }
        try {
            redis.execute(
                    connection -> connection
                            .streamCommands()
                            .xGroupCreate(bytes(settings.stream()), settings.group(), ReadOffset.from("0"), true),
                    true);
        } catch (RuntimeException exists) {
            if (!mentions(exists, "BUSYGROUP")) {
                throw exists;
            }
        }
        groupReady = true;
    }

    /** Events another consumer took but never acknowledged (it crashed, or applying failed): take them over. */
    private void takeOverAbandoned() {
        PendingMessages pending =
                streams.pending(settings.stream(), settings.group(), Range.unbounded(), settings.batch());
        for (PendingMessage message : pending) {
            if (message.getElapsedTimeSinceLastDelivery().compareTo(settings.claimIdle()) < 0) {
                continue;
            }
            List<MapRecord<String, Object, Object>> claimed =
                    streams.claim(settings.stream(), settings.group(), consumer, settings.claimIdle(), message.getId());
            for (MapRecord<String, Object, Object> record : claimed) {
                if (message.getTotalDeliveryCount() >= settings.maxDeliveries()) {
                    deadLetter(record, "failed " + message.getTotalDeliveryCount() + " times");
                } else {
                    log.info("Took over event {} from {}", record.getId(), message.getConsumerName());
                    handle(record);
                }
            }
        }
    }

    private void handle(MapRecord<String, Object, Object> record) {
        Map<Object, Object> fields = record.getValue();
        Object payload = fields.get("event");
        if (fields.size() != 1 || payload == null) {
            deadLetter(record, "the entry must have exactly one field, event");
            return;
        }
        ScrapeCompleted event;
        try {
            event = json.readValue(payload.toString(), ScrapeCompleted.class);
        } catch (JacksonException unreadable) {
            deadLetter(record, "not a scrape.completed event: " + unreadable.getOriginalMessage());
            return;
        }
        String defect = event.defect();
        if (defect != null) {
            deadLetter(record, defect);
            return;
        }
        try {
            String outcome = enrichment.apply(event);
            streams.acknowledge(settings.stream(), settings.group(), record.getId());
            log.debug("Event {} (job {}): {}", record.getId(), event.jobId(), outcome);
        } catch (RuntimeException failure) { // not acknowledged: retried after claim-idle, here or elsewhere
            enrichment.count("failed");
            log.warn(
                    "Applying event {} (job {}) failed, it stays pending: {}",
                    record.getId(),
                    event.jobId(),
                    failure.toString());
        }
    }

    private void deadLetter(MapRecord<String, Object, Object> record, String reason) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("stream_id", record.getId().getValue());
        entry.put("reason", reason);
        entry.put("consumer", consumer);
        entry.put("entry", String.valueOf(record.getValue()));
        streams.add(settings.deadLetterStream(), entry);
        streams.acknowledge(settings.stream(), settings.group(), record.getId());
        enrichment.count("dead_lettered");
        log.warn("Event {} moved to {}: {}", record.getId(), settings.deadLetterStream(), reason);
    }

    /** Whether Redis's error, anywhere in the chain of causes, carries the given code. */
    private static boolean mentions(Throwable failure, String code) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(code)) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
