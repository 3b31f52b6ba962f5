package io.tabelogo.restaurant.tabelog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.restaurant.catalog.Restaurant;
import io.tabelogo.restaurant.catalog.RestaurantCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one {@code scrape.completed} event: finds the Google place's restaurant, picks the Tabelog result that
 * matches the restaurant's own names and stores it, recording the job in the same transaction so a redelivered
 * event changes nothing; data older than what is stored never replaces it. Outcomes are counted in
 * {@code restaurant_tabelog_events_total{outcome}}.
 */
@Service
class TabelogEnrichment {

    static final List<String> OUTCOMES =
            List.of("applied", "duplicate", "stale", "no_match", "no_restaurant", "dead_lettered", "failed");

    private static final Logger log = LoggerFactory.getLogger(TabelogEnrichment.class);

    private final TabelogSyncs syncs;
    private final RestaurantCatalog catalog;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry meters;

    TabelogEnrichment(
            TabelogSyncs syncs,
            RestaurantCatalog catalog,
            TransactionTemplate transactions,
            Clock clock,
            MeterRegistry meters) {
        this.syncs = syncs;
        this.catalog = catalog;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters;
        OUTCOMES.forEach(this::outcome);
    }

    /** Applies the event (committed when this returns); its outcome. */
    String apply(ScrapeCompleted event) {
        Optional<Restaurant> restaurant = catalog.findByExternalId("google", event.googleId());
        Optional<ScrapeCompleted.Result> match = restaurant.flatMap(
                r -> TabelogMatch.best(event.results(), TabelogMatch.Own.of(r, catalog.vouchedNameJa(r.id()))));
        UUID restaurantId = restaurant.map(Restaurant::id).orElse(null);
        Instant scrapedAt = event.completedAt() != null ? event.completedAt() : clock.instant();
        String outcome = transactions.execute(status -> {
            String found = restaurant.isEmpty() ? "no_restaurant" : match.isEmpty() ? "no_match" : "applied";
            if (!syncs.record(event, restaurantId, found)) {
                return "duplicate";
            }
            if (match.isPresent() && !syncs.storeMatch(restaurantId, match.get(), scrapedAt)) {
                syncs.recordOutcome(event, "stale"); // a later scrape's data is stored: kept
                return "stale";
            }
            return found;
        });
        if ("applied".equals(outcome)) {
            catalog.evict(restaurantId);
            log.info(
                    "Tabelog data of job {} stored for restaurant {}: {}",
                    event.jobId(),
                    restaurantId,
                    match.get().link());
        }
        count(outcome);
        return outcome;
    }

    void count(String outcome) {
        outcome(outcome).increment();
    }

    private Counter outcome(String outcome) {
        return Counter.builder("restaurant.tabelog.events")
                .description("scrape.completed events consumed, by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }
}
