package io.tabelogo.spider.scraper;

/**
 * Tabelog did not answer usefully: a 5xx, a 429, a timeout or a broken connection. Retried with backoff;
 * {@code errorType} is the metric tag. All but {@link Throttled} count against the {@code tabelog} circuit breaker.
 */
public class TabelogFailure extends RuntimeException {

    private final String errorType;

    TabelogFailure(String errorType, String message, Throwable cause) {
        super(message, cause);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }

    /**
     * Tabelog answered 429: it is up and asks us to slow down. The shared request rate is halved, and the breaker
     * ignores it (application.yaml): opening it would fail every scrape for its wait, when going slower is the cure.
     */
    public static final class Throttled extends TabelogFailure {

        Throttled(String message) {
            super("rate_limited", message, null);
        }
    }
}
