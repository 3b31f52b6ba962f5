package io.tabelogo.spider;

import io.tabelogo.platform.error.ApiException;
import java.util.UUID;

/** The problem codes of spider-service, on top of the platform's shared ones. */
public final class SpiderErrorCodes {

    /** 404: no scrape job has the id. */
    public static final String JOB_NOT_FOUND = "JOB_NOT_FOUND";
    /** 503: Tabelog keeps failing (or its circuit breaker is open); try again later. */
    public static final String TABELOG_UNAVAILABLE = "TABELOG_UNAVAILABLE";

    private SpiderErrorCodes() {}

    public static ApiException jobNotFound(UUID id) {
        return ApiException.notFound(JOB_NOT_FOUND, "No scrape job has the id " + id + ".");
    }
}
