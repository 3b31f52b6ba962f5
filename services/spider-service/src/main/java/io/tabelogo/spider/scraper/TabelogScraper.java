package io.tabelogo.spider.scraper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Finds a place's restaurants on Tabelog: the search page for the name in the place's area, then each
 * result's detail page in turn (the shared rate limit makes parallel fetching pointless). A detail page that fails
 * or has no name is skipped; the scrape fails only when the search fails, every detail page fails, or the circuit
 * breaker opens. Timed in {@code spider_scrape_duration_seconds{operation,status}}, failures counted in
 * {@code spider_scrape_errors_total{error_type}}.
 */
public class TabelogScraper {

    private static final Logger log = LoggerFactory.getLogger(TabelogScraper.class);
    private static final List<String> ERROR_TYPES =
            List.of("search_failed", "no_results", "details_failed", "all_failed", "circuit_open", "photos_failed");

    private final TabelogClient client;
    private final URI base;
    private final MeterRegistry meters;
    private final Counter restaurantsScraped;

    TabelogScraper(TabelogClient client, ScraperSettings settings, MeterRegistry meters) {
        this.client = client;
        this.base = settings.baseUrl();
        this.meters = meters;
        this.restaurantsScraped = Counter.builder("spider.restaurants.scraped")
                .description("Restaurants read from Tabelog detail pages")
                .register(meters);
        ERROR_TYPES.forEach(this::errors);
        for (String operation : List.of("search", "details", "photos")) {
            for (String status : List.of("success", "failure")) {
                timer(operation, status);
            }
        }
    }

    /** Up to {@code max} Tabelog restaurants matching {@code name} in {@code area}; empty when Tabelog lists none. */
    public List<TabelogRestaurant> search(String area, String name, int max) throws InterruptedException {
        URI url = UriComponentsBuilder.fromUri(base)
                .path("/" + AreaPaths.of(area) + "/rstLst/")
                .queryParam("sk", "{name}")
                .queryParam("sw", "{name}")
                .queryParam("vs", 1)
                .encode()
                .buildAndExpand(name, name)
                .toUri();
        List<String> links = timed(
                        "search",
                        () -> client.page(url)
                                .map(html -> TabelogPages.resultLinks(html, url.toString(), base, max))
                                .orElse(List.of()))
                .orElseThrow(failure -> failed(
                        "search_failed", "the Tabelog search for '" + name + "' in '" + area + "' failed", failure));
        if (links.isEmpty()) {
            errors("no_results").increment();
            log.info("Tabelog lists no restaurant for '{}' in '{}'", name, area);
            return List.of();
        }
        List<TabelogRestaurant> restaurants = new ArrayList<>();
        String firstProblem = null;
        for (String link : links) {
            Outcome<Optional<TabelogRestaurant>> detail = timed(
                    "details",
                    () -> client.page(URI.create(link)).flatMap(html -> TabelogPages.restaurant(html, link)));
            if (detail.failure() instanceof TabelogClient.CircuitOpen open) {
                throw failed(
                        "circuit_open",
                        "stopped after " + restaurants.size() + " of " + links.size() + " restaurants",
                        open);
            }
            Optional<TabelogRestaurant> restaurant = detail.value();
            if (restaurant != null && restaurant.isPresent()) {
                restaurants.add(restaurant.get());
                continue;
            }
            errors("details_failed").increment();
            String problem = detail.failure() != null
                    ? detail.failure().getMessage()
                    : restaurant == null ? "failed" : "no restaurant on the page";
            log.warn("Tabelog detail page {} skipped: {}", link, problem);
            if (firstProblem == null) {
                firstProblem = link + ": " + problem;
            }
        }
        if (restaurants.isEmpty()) {
            errors("all_failed").increment();
            throw new ScrapeFailed(
                    "all " + links.size() + " Tabelog detail pages failed (first: " + firstProblem + ")", false, null);
        }
        restaurantsScraped.increment(restaurants.size());
        return List.copyOf(restaurants);
    }

    /** The photos of a restaurant's Tabelog page; {@code link} must be a restaurant page on Tabelog. */
    public List<String> photos(String link) throws InterruptedException {
        URI url = URI.create(link.endsWith("/") ? link + "dtlphotolst/" : link + "/dtlphotolst/");
        return timed(
                        "photos",
                        () -> client.page(url)
                                .map(html -> TabelogPages.photos(html, url.toString()))
                                .orElse(List.of()))
                .orElseThrow(failure -> failed("photos_failed", "reading the photos of " + link + " failed", failure));
    }

    /** Whether {@code link} is a page on the configured Tabelog (the only host the scraper may be sent to). */
    public boolean isTabelogPage(String link) {
        try {
            URI uri = URI.create(link);
            return uri.getScheme() != null
                    && uri.getScheme().equalsIgnoreCase(base.getScheme())
                    && base.getHost().equalsIgnoreCase(uri.getHost())
                    && uri.getPort() == base.getPort()
                    && uri.getRawPath() != null
                    && uri.getRawPath().length() > 1
                    && !uri.getRawPath().contains("..")
                    && uri.getRawQuery() == null;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private ScrapeFailed failed(String errorType, String what, RuntimeException failure) {
        boolean open = failure instanceof TabelogClient.CircuitOpen;
        errors(open ? "circuit_open" : errorType).increment();
        return new ScrapeFailed(what + ": " + failure.getMessage(), open || failure instanceof TabelogFailure, failure);
    }

    private <T> Outcome<T> timed(String operation, Fetch<T> fetch) throws InterruptedException {
        Timer.Sample started = Timer.start(meters);
        try {
            T value = fetch.get();
            started.stop(timer(operation, "success"));
            return new Outcome<>(value, null);
        } catch (TabelogFailure | TabelogClient.CircuitOpen failure) {
            started.stop(timer(operation, "failure"));
            return new Outcome<>(null, failure);
        }
    }

    private Timer timer(String operation, String status) {
        return Timer.builder("spider.scrape.duration")
                .description("Time to read Tabelog pages, by step")
                .tag("operation", operation)
                .tag("status", status)
                .register(meters);
    }

    private Counter errors(String errorType) {
        return Counter.builder("spider.scrape.errors")
                .description("Scrape steps that failed, by reason")
                .tag("error_type", errorType)
                .register(meters);
    }

    @FunctionalInterface
    private interface Fetch<T> {
        T get() throws InterruptedException;
    }

    /** A step's value, or the failure that prevented it. */
    private record Outcome<T>(T value, RuntimeException failure) {
        <X extends RuntimeException> T orElseThrow(java.util.function.Function<RuntimeException, X> toFailure) {
            if (failure != null) {
                throw toFailure.apply(failure);
            }
            return value;
        }
    }
}
