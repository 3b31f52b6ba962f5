package io.tabelogo.spider.scraper;

/**
 * Tabelog did not answer usefully: a 5xx, a 429, a timeout or a broken connection. These count against the
 * {@code tabelog} circuit breaker and are retried with backoff; {@code errorType} is the metric tag.
 */
public class TabelogFailure extends RuntimeException {

    private final String errorType;
    private final boolean rateLimited;

    TabelogFailure(String errorType, String message, boolean rateLimited, Throwable cause) {
        super(message, cause);
        this.errorType = errorType;
        this.rateLimited = rateLimited;
    }

    public String errorType() {
        return errorType;
    }

    /** Tabelog answered 429: the shared request rate is halved. */
    boolean rateLimited() {
        return rateLimited;
    }
}
