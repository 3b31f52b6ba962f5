package io.tabelogo.platform.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import net.ttddyy.observation.tracing.QueryContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's database metrics, fed by datasource-micrometer's {@code jdbc.query} observations (no JDBC wrapper
 * of our own): {@code db_query_duration_seconds{operation}}, {@code db_slow_queries_total}, a WARN line (with the
 * trace id, from the MDC) for each statement over the threshold, and the pool gauges {@code db_connections_*}.
 */
class DatabaseMetrics implements ObservationHandler<QueryContext> {

    private static final Logger log = LoggerFactory.getLogger(DatabaseMetrics.class);
    private static final List<String> OPERATIONS = List.of("select", "insert", "update", "delete", "other");
    private static final String START = DatabaseMetrics.class.getName() + ".start";

    private final Duration slowThreshold;
    private final Map<String, Timer> durations;
    private final Counter slowQueries;

    DatabaseMetrics(MeterRegistry meters, Duration slowThreshold) {
        this.slowThreshold = slowThreshold;
        this.durations = OPERATIONS.stream()
                .collect(Collectors.toUnmodifiableMap(
                        op -> op,
                        op -> Timer.builder("db.query.duration")
                                .description("Time to execute SQL statements")
                                .tag("operation", op)
                                .publishPercentileHistogram()
                                .register(meters)));
        this.slowQueries = Counter.builder("db.slow.queries")
                .description("SQL statements slower than tabelogo.db.slow-query-threshold")
                .register(meters);
    }

    /** {@code db_connections_active|idle|pending}, read from the pool on every scrape. */
    static void bindPoolGauges(HikariDataSource pool, MeterRegistry meters) {
        gauge(meters, "db.connections.active", "Connections in use", pool, HikariPoolMXBean::getActiveConnections);
        gauge(meters, "db.connections.idle", "Idle connections", pool, HikariPoolMXBean::getIdleConnections);
        gauge(
                meters,
                "db.connections.pending",
                "Threads waiting for a connection",
                pool,
                HikariPoolMXBean::getThreadsAwaitingConnection);
    }

    private static void gauge(
            MeterRegistry meters,
            String name,
            String description,
            HikariDataSource pool,
            ToDoubleFunction<HikariPoolMXBean> value) {
        Gauge.builder(
                        name,
                        pool,
                        p -> p.getHikariPoolMXBean() == null ? 0 : value.applyAsDouble(p.getHikariPoolMXBean()))
                .description(description)
                .register(meters);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof QueryContext;
    }

    @Override
    public void onStart(QueryContext context) {
        context.put(START, System.nanoTime());
    }

    @Override
    public void onStop(QueryContext context) {
        Long start = context.get(START);
        if (start == null) {
            return;
        }
        long nanos = System.nanoTime() - start;
        String sql = context.getQueries().isEmpty() ? "" : context.getQueries().getFirst();
        durations.get(operation(sql)).record(Duration.ofNanos(nanos));
        if (nanos > slowThreshold.toNanos()) {
            slowQueries.increment();
            log.atWarn()
                    .addKeyValue("duration_ms", nanos / 1_000_000)
                    .addKeyValue("operation", operation(sql))
                    .log("Slow SQL ({} ms): {}", nanos / 1_000_000, abbreviate(sql));
        }
    }

    static String operation(String sql) {
        String trimmed = sql.stripLeading();
        int end = 0;
        while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
            end++;
        }
        String verb = trimmed.substring(0, end).toLowerCase(Locale.ROOT);
        if (verb.equals("with")) {
            return "select"; // CTEs read in the overwhelming majority of our queries
        }
        return OPERATIONS.contains(verb) ? verb : "other";
    }

    // Statements carry no values (they are bound parameters), but can be long.
    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
