package io.tabelogo.spider.scraper;

/** A scrape that produced nothing usable; its message is what the job's {@code error} shows. */
public class ScrapeFailed extends RuntimeException {

    private final boolean tabelogUnavailable;

    ScrapeFailed(String message, boolean tabelogUnavailable, Throwable cause) {
        super(message, cause);
        this.tabelogUnavailable = tabelogUnavailable;
    }

    /** The circuit breaker is open, or Tabelog kept failing: worth a 503 rather than a plain failure. */
    public boolean tabelogUnavailable() {
        return tabelogUnavailable;
    }
}
