package io.tabelogo.spider.scraper;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tabelogo.platform.chaos.Dependency;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * GETs Tabelog pages politely and defensively: every try waits for the shared rate limit, passes the
 * {@code tabelog} circuit breaker and has the request timeout; transient failures (5xx, 429, timeouts, broken
 * connections) are tried again after 1 s, 2 s, ... up to the configured number of tries. A 404 is an answer (the
 * page does not exist), not a failure. Tabelog pages are UTF-8.
 */
class TabelogClient {

    private static final Logger log = LoggerFactory.getLogger(TabelogClient.class);

    private final RestClient http;
    private final CircuitBreaker breaker;
    private final TabelogRateLimit rateLimit;
    private final ScraperSettings settings;
    private final Dependency chaos;

    TabelogClient(
            RestClient.Builder builder,
            CircuitBreaker breaker,
            TabelogRateLimit rateLimit,
            ScraperSettings settings,
            Dependency chaos) {
        var requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER) // never be steered off Tabelog
                .build());
        requests.setReadTimeout(settings.timeout());
        this.http = builder.clone()
                .requestFactory(requests)
                .defaultHeader("User-Agent", settings.userAgent())
                .defaultHeader("Accept-Language", "ja,en;q=0.8")
                .build();
        this.breaker = breaker;
        this.rateLimit = rateLimit;
        this.settings = settings;
        this.chaos = chaos;
    }

    /** The page's HTML, or empty when Tabelog has no such page (404). */
    Optional<String> page(URI url) throws InterruptedException {
        Duration pause = settings.backoff();
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<String> html = tryOnce(url);
                rateLimit.recover();
                return html;
            } catch (TabelogFailure failure) {
                if (failure instanceof TabelogFailure.Throttled) {
                    rateLimit.slowDown();
                }
                if (attempt >= settings.attempts()) {
                    throw failure;
                }
                log.info(
                        "Tabelog {} failed ({}), try {} of {} in {} ms",
                        url.getPath(),
                        failure.getMessage(),
                        attempt + 1,
                        settings.attempts(),
                        pause.toMillis());
                Thread.sleep(pause);
                pause = min(pause.multipliedBy(2), settings.maxBackoff());
            }
        }
    }

    private Optional<String> tryOnce(URI url) throws InterruptedException {
        rateLimit.acquire();
        try {
            return breaker.executeSupplier(() -> get(url));
        } catch (CallNotPermittedException open) {
            throw new CircuitOpen();
        }
    }

    private Optional<String> get(URI url) {
        // Tabelog's way of failing a scraper is a 429: injected failures are that, so the adaptive rate reacts.
        chaos.beforeCall(() -> new TabelogFailure.Throttled("HTTP 429 Too Many Requests (a chaos fault)"));
        try {
            return http.get().uri(url).accept(MediaType.TEXT_HTML).exchange((request, response) -> {
                int status = response.getStatusCode().value();
                if (status == 404) {
                    return Optional.<String>empty();
                }
                if (status == 429) {
                    throw new TabelogFailure.Throttled("HTTP 429 Too Many Requests");
                }
                if (status != 200) {
                    throw new TabelogFailure("http_" + status, "HTTP " + status, null);
                }
                return Optional.of(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
            });
        } catch (ResourceAccessException io) {
            boolean timeout = io.getCause() instanceof HttpTimeoutException;
            throw new TabelogFailure(
                    timeout ? "timeout" : "connection",
                    timeout
                            ? "no answer within " + settings.timeout().toSeconds() + " s"
                            : "connection failed: " + describe(io.getMostSpecificCause()),
                    io);
        } catch (RestClientException broken) {
            throw new TabelogFailure("connection", "reading the page failed: " + describe(broken), broken);
        }
    }

    /** Some network exceptions carry no message (an unresolvable host, a refused connection): name them. */
    private static String describe(Throwable cause) {
        return cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The breaker is open: Tabelog failed repeatedly and is left alone for a while. Not retried. */
    static final class CircuitOpen extends RuntimeException {
        CircuitOpen() {
            super(
                    "Tabelog is unavailable: the tabelog circuit breaker is open after repeated failures",
                    null,
                    false,
                    false);
        }
    }
}
