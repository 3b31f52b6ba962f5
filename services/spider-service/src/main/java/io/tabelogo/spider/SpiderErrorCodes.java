package io.tabelogo.spider;

import io.tabelogo.platform.error.ApiException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** The problem codes of spider-service, on top of the platform's shared ones. */
public final class SpiderErrorCodes {

    /** 404: no scrape job has the id. */
    public static final String JOB_NOT_FOUND = "JOB_NOT_FOUND";
    /** 429: a user's quota of active jobs, jobs per hour or open streams is used up; {@code Retry-After} says when. */
    public static final String QUOTA_EXCEEDED = "QUOTA_EXCEEDED";
    /** 503: Tabelog keeps failing (or its circuit breaker is open); try again later. */
    public static final String TABELOG_UNAVAILABLE = "TABELOG_UNAVAILABLE";

    private SpiderErrorCodes() {}

    public static ApiException quotaExceeded(String detail, long retryAfterSeconds) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, QUOTA_EXCEEDED, detail)
                .withHeader("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
    }

    public static ApiException jobNotFound(UUID id) {
        return ApiException.notFound(JOB_NOT_FOUND, "No scrape job has the id " + id + ".");
    }
}
