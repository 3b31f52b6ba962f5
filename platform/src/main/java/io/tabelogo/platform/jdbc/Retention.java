package io.tabelogo.platform.jdbc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.constraints.Min;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps tables from only growing: every {@code interval}, each {@link RetentionRule}'s rows are deleted in batches
 * of {@code batchSize}, each batch its own short statement (rows other replicas are deleting are skipped, not
 * waited for), until a batch comes back short. {@code retention_deleted_rows_total{rule}} counts what went.
 */
public class Retention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final JdbcClient jdbc;
    private final List<RetentionRule> rules;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, Counter> deleted = new LinkedHashMap<>();
    private ScheduledExecutorService ticks;

    public Retention(JdbcClient jdbc, List<RetentionRule> rules, Settings settings, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.rules = List.copyOf(rules);
        this.settings = settings;
        this.clock = clock;
        for (RetentionRule rule : rules) {
            deleted.put(
                    rule.name(),
                    Counter.builder("retention.deleted.rows")
                            .description("Rows deleted by the scheduled clean-up, by rule")
                            .tag("rule", rule.name())
                            .register(meters));
        }
    }

    /** One clean-up of every rule now; rows deleted by rule. */
    public synchronized Map<String, Long> runOnce() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (RetentionRule rule : rules) {
            long total = 0;
            try {
                Timestamp cutoff = Timestamp.from(clock.instant().minus(rule.age()));
                int batch;
                do {
                    batch = jdbc.sql(
                                    "DELETE FROM %1$s WHERE ctid = ANY (ARRAY(SELECT ctid FROM %1$s WHERE %2$s LIMIT %3$d FOR UPDATE SKIP LOCKED))"
                                            .formatted(rule.table(), rule.condition(), settings.batchSize()))
                            .param("cutoff", cutoff)
                            .update();
                    total += batch;
                    deleted.get(rule.name()).increment(batch);
                } while (batch == settings.batchSize());
            } catch (RuntimeException failure) {
                log.warn("Retention rule {} stopped after {} rows: {}", rule.name(), total, failure.toString());
            }
            counts.put(rule.name(), total);
        }
        if (counts.values().stream().anyMatch(n -> n > 0)) {
            log.info("Retention deleted {}", counts);
        }
        return counts;
    }

    @Override
    public synchronized void start() {
        ticks = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("retention").daemon().factory());
        ticks.scheduleWithFixedDelay(
                this::runOnce,
                settings.initialDelay().toMillis(),
                settings.interval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        ticks.shutdownNow();
        ticks = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return ticks != null;
    }

    /**
     * When the clean-up runs ({@code tabelogo.retention.*}); each rule's age is its service's own setting.
     *
     * @param interval between two clean-ups
     * @param initialDelay after start-up, before the first
     * @param batchSize rows deleted per statement
     */
    @ConfigurationProperties("tabelogo.retention")
    public record Settings(
            @DefaultValue("1h") Duration interval,
            @DefaultValue("1m") Duration initialDelay,
            @Min(1) @DefaultValue("1000") int batchSize) {}
}
