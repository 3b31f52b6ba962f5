package io.tabelogo.platform.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Pure logic over hand-made exceptions shaped like the drivers' (the real ones are in the integration tests). */
class FailuresUnitTest {

    @Test
    void cancelledStatementIsDbTimeout() {
        var cancelled = new SQLException("canceling statement due to statement timeout", "57014");

        assertThat(Failures.classify(new QueryTimeoutException("x", cancelled)).code())
                .isEqualTo("DB_TIMEOUT");
    }

    @Test
    void redisCommandTimeoutIsNotADatabaseTimeout() {
        var redisTimeout = new QueryTimeoutException("Redis command timed out", new RuntimeException("lettuce"));

        assertThat(Failures.classify(redisTimeout)).isNull();
    }

    @Test
    void busyPoolAndUnreachableDatabaseAreToldApart() {
        var busy = new CannotGetJdbcConnectionException(
                "x", new SQLTransientConnectionException("Connection is not available, request timed out"));
        var down = new CannotGetJdbcConnectionException(
                "x",
                new SQLTransientConnectionException(
                        "Connection is not available", "08001", new ConnectException("Connection refused")));

        assertThat(Failures.classify(busy).code()).isEqualTo("DB_POOL_EXHAUSTED");
        assertThat(Failures.classify(down).code()).isEqualTo("DB_UNAVAILABLE");
        assertThat(Failures.classify(down).headers()).containsEntry("Retry-After", "5");
    }

    @Test
    void unknownFailuresAreInternalWithoutTheirMessage() {
        var internal = Failures.classifyOrInternal(new IllegalStateException("secret"));

        assertThat(internal.code()).isEqualTo("INTERNAL_ERROR");
        assertThat(internal.getMessage()).doesNotContain("secret");
    }

    @Test
    void checkViolationIsInvalidInputNotAServerError() {
        var refused = new SQLException("new row violates check constraint", "23514");

        assertThat(Failures.classify(new RuntimeException(refused)).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(Failures.classify(new RuntimeException(refused)).status().value())
                .isEqualTo(400);
    }
}
