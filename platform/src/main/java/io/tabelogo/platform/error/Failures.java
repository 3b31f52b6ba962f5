package io.tabelogo.platform.error;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.util.ClassUtils;

/**
 * Turns infrastructure failures into {@link ApiException}s with their stable codes, so HTTP and gRPC answer a
 * database timeout, an exhausted pool or an unreachable database the same way.
 */
public final class Failures {

    /** PostgreSQL's "canceling statement due to statement timeout". */
    private static final String QUERY_CANCELED = "57014";
    /** A CHECK constraint refused the values: the input was invalid, the service's own validation let it through. */
    private static final String CHECK_VIOLATION = "23514";

    /** spring-jdbc is optional: services without a database (map-service) must not load its classes. */
    private static final boolean JDBC =
            ClassUtils.isPresent("org.springframework.jdbc.CannotGetJdbcConnectionException", null);

    private Failures() {}

    /** The {@link ApiException} for {@code failure}, or {@code null} when it is not one this class knows. */
    public static ApiException classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t instanceof SQLException sql && CHECK_VIOLATION.equals(sql.getSQLState())) {
                return ApiException.validation("The request breaks a rule of the stored data.", List.of());
            }
            if (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                return ApiException.unavailable(
                        ErrorCodes.DB_TIMEOUT, "The database did not answer in time. Try again shortly.", 1, failure);
            }
            if ((JDBC && Jdbc.cannotGetConnection(t)) || t instanceof SQLTransientConnectionException) {
                return noConnection(t, failure);
            }
            if (t instanceof QueryTimeoutException && t.getCause() instanceof SQLException) {
                return ApiException.unavailable(
                        ErrorCodes.DB_TIMEOUT, "The database did not answer in time. Try again shortly.", 1, failure);
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
                        List.of(),
                        failure);
    }

    // Hikari reports both as "connection not available": a cause means it could not even open one.
    private static ApiException noConnection(Throwable poolFailure, Throwable failure) {
        Throwable pool = JDBC && Jdbc.cannotGetConnection(poolFailure) ? poolFailure.getCause() : poolFailure;
        if (pool != null && pool.getCause() != null) {
            return ApiException.unavailable(
                    ErrorCodes.DB_UNAVAILABLE, "The database cannot be reached. Try again shortly.", 5, failure);
        }
        return ApiException.unavailable(
                ErrorCodes.DB_POOL_EXHAUSTED, "All database connections are busy. Try again shortly.", 1, failure);
    }

    /** Loaded only when spring-jdbc is on the classpath. */
    private static final class Jdbc {
        static boolean cannotGetConnection(Throwable t) {
            return t instanceof CannotGetJdbcConnectionException;
        }
    }
}
