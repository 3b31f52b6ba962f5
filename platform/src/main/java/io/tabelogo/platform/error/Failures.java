package io.tabelogo.platform.error;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Turns infrastructure failures into {@link ApiException}s with their stable codes, so HTTP and gRPC answer a
 * database timeout or an exhausted pool the same way.
 */
public final class Failures {

    /** PostgreSQL's "canceling statement due to statement timeout". */
    private static final String QUERY_CANCELED = "57014";

    private Failures() {}

    /** The {@link ApiException} for {@code failure}, or {@code null} when it is not one this class knows. */
    public static ApiException classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t instanceof EmptyResultDataAccessException) {
                return ApiException.notFound(ErrorCodes.NOT_FOUND, "No such resource.");
            }
            if (t instanceof QueryTimeoutException
                    || (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState()))) {
                return ApiException.unavailable(
                        ErrorCodes.DB_TIMEOUT, "The database did not answer in time. Try again shortly.", 1, failure);
            }
            if (t instanceof CannotGetJdbcConnectionException || t instanceof SQLTransientConnectionException) {
                return ApiException.unavailable(
                        ErrorCodes.DB_POOL_EXHAUSTED,
                        "All database connections are busy. Try again shortly.",
                        1,
                        failure);
            }
        }
        return null;
    }

    /** Like {@link #classify} but never null: anything unknown is a 500 {@code INTERNAL_ERROR}. */
    public static ApiException classifyOrInternal(Throwable failure) {
        ApiException known = classify(failure);
        return known != null
                ? known
                : new ApiException(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        ErrorCodes.INTERNAL_ERROR,
                        "An unexpected error occurred.",
                        java.util.List.of(),
                        failure);
    }
}
