package io.tabelogo.spider.scraper;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the service talks to Tabelog ({@code tabelogo.spider.tabelog.*}).
 *
 * @param baseUrl Tabelog's address; tests point it at a local fake
 * @param userAgent sent with every request, so Tabelog can tell who is asking
 * @param timeout for one whole request (connect, wait, read)
 * @param ratePerMinute the shared request rate when Tabelog is happy
 * @param minRatePerMinute the floor the rate is halved down to on 429s
 * @param slowDownFactor the rate is multiplied by this on a 429
 * @param recoveryFactor and by this on every success, back up to {@code ratePerMinute}
 * @param attempts tries per page for transient failures (5xx, 429, timeouts, connection errors)
 * @param backoff the first pause between tries, doubled each time up to {@code maxBackoff}
 * @param resultTtl how long a place's results are served from the cache
 * @param emptyResultTtl the same for a search that found nothing (Tabelog may list it soon)
 * @param offline serve stand-in pages on this service's own port and scrape them instead of Tabelog (no internet;
 *     never by default); a {@code baseUrl} other than Tabelog's is still used, e.g. a proxy in front of those pages
 */
@ConfigurationProperties("tabelogo.spider.tabelog")
@Validated
public record ScraperSettings(
        @NotNull @DefaultValue("https://tabelog.com") URI baseUrl,
        @NotBlank @DefaultValue("TabelogoBot/0.1") String userAgent,
        @DefaultValue("10s") Duration timeout,
        @DecimalMin("1") @DefaultValue("30") double ratePerMinute,
        @DecimalMin("0.1") @DefaultValue("5") double minRatePerMinute,

        @DecimalMin("0.01") @DecimalMax("1") @DefaultValue("0.5")
        double slowDownFactor,

        @DecimalMin("1") @DefaultValue("1.1") double recoveryFactor,
        @Min(1) @DefaultValue("3") int attempts,
        @DefaultValue("1s") Duration backoff,
        @DefaultValue("10s") Duration maxBackoff,
        @DefaultValue("24h") Duration resultTtl,
        @DefaultValue("1h") Duration emptyResultTtl,
        @DefaultValue("false") boolean offline) {

    static final URI TABELOG = URI.create("https://tabelog.com");

    ScraperSettings withBaseUrl(URI url) {
        return new ScraperSettings(
                url,
                userAgent,
                timeout,
                ratePerMinute,
                minRatePerMinute,
                slowDownFactor,
                recoveryFactor,
                attempts,
                backoff,
                maxBackoff,
                resultTtl,
                emptyResultTtl,
                offline);
    }
}
