package io.tabelogo.platform.chaos;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;

/**
 * The sql-delay fault: before each statement, the same connection sleeps in PostgreSQL ({@code pg_sleep}), so the
 * time is spent where a slow query spends it, holding its connection, under the statement timeout (past 3 s the
 * statement fails as a real slow one does, with {@code DB_TIMEOUT}). Runs inside datasource-micrometer's proxy, whose
 * statement observation includes the delay.
 */
final class SqlDelay implements QueryExecutionListener {

    private final ChaosFaults faults;
    private final Counter delayed;

    SqlDelay(ChaosFaults faults, MeterRegistry meters) {
        this.faults = faults;
        this.delayed = Counter.builder("tabelogo.chaos.injected")
                .description("Calls a chaos fault delayed or failed")
                .tag("fault", Fault.Kind.SQL_DELAY.path())
                .tag("effect", "latency")
                .register(meters);
    }

    @Override
    public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        Duration delay = faults.sqlDelay();
        if (delay.isZero()) {
            return;
        }
        delayed.increment();
        // The proxy hands over the driver's own statement: this one is not observed, nor delayed again.
        try (Statement sleep = execution.getStatement().getConnection().createStatement()) {
            sleep.execute("SELECT pg_sleep(" + delay.toMillis() / 1000.0 + ")");
        } catch (SQLException failure) {
            throw SqlDelay.<RuntimeException>rethrow(failure);
        }
    }

    @Override
    public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {}

    /** The statement's own failure (a timeout), thrown as the statement would have: callers translate SQLExceptions. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrow(Throwable failure) throws T {
        throw (T) failure;
    }
}
