package io.tabelogo.restaurant.quicksearch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tabelogo.platform.cache.SingleFlight;
import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ApiException.FieldProblem;
import io.tabelogo.restaurant.RestaurantErrorCodes;
import io.tabelogo.restaurant.catalog.Restaurant;
import io.tabelogo.restaurant.catalog.RestaurantCatalog;
import io.tabelogo.restaurant.quicksearch.MapPlaces.MapUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Quick search: a stored place younger than the freshness window is answered at once; otherwise
 * map-service is asked (one call per place at a time in this replica) and the restaurant inserted or fully
 * refreshed; when map-service fails, the stored copy is answered marked stale, and without one the answer is 503.
 */
@Service
public class QuickSearch {

    /** Google place ids: letters, digits, {@code -} and {@code _}. */
    private static final Pattern PLACE_ID = Pattern.compile("[A-Za-z0-9_-]{1,300}");

    /** How the answer was made: for the response headers. */
    public record Answer(Restaurant restaurant, boolean fromStore, Duration age, boolean stale) {}

    private final RestaurantCatalog catalog;
    private final MapPlaces map;
    private final Clock clock;
    private final Duration freshness;
    private final SingleFlight syncs = new SingleFlight();
    private final Timer syncDuration;
    private final Counter staleReturns;

    QuickSearch(
            RestaurantCatalog catalog, MapPlaces map, Clock clock, QuickSearchSettings settings, MeterRegistry meters) {
        this.catalog = catalog;
        this.map = map;
        this.clock = clock;
        this.freshness = settings.dataFreshness();
        this.syncDuration = Timer.builder("restaurant.sync.duration")
                .description("Quick-search refreshes of a place from map-service, the write included")
                .register(meters);
        this.staleReturns = Counter.builder("restaurant.stale.data.returns")
                .description("Quick searches answered with a stored copy older than the freshness window "
                        + "because map-service failed")
                .register(meters);
    }

    public Answer search(String placeId) {
        if (placeId == null || !PLACE_ID.matcher(placeId).matches()) {
            throw ApiException.validation(
                    "The place id is invalid.",
                    List.of(new FieldProblem("place_id", "must be 1 to 300 letters, digits, - or _")));
        }
        Optional<Restaurant> stored = catalog.findByExternalId("google", placeId);
        if (stored.isPresent()) {
            Duration age = age(stored.get());
            if (age.compareTo(freshness) < 0) {
                return new Answer(stored.get(), true, age, false);
            }
        }
        return syncs.run(placeId, () -> refresh(placeId, stored));
    }

    private Answer refresh(String placeId, Optional<Restaurant> stored) {
        try {
            Restaurant saved = syncDuration.record(() -> map.find(placeId)
                    .map(place -> catalog.savePlace(PlaceConversion.fields(place)))
                    .orElseThrow(() -> ApiException.notFound(
                            RestaurantErrorCodes.PLACE_NOT_FOUND, "map-service knows no place " + placeId + ".")));
            return new Answer(saved, false, Duration.ZERO, false);
        } catch (MapUnavailable unavailable) {
            if (stored.isPresent()) {
                staleReturns.increment();
                return new Answer(stored.get(), true, age(stored.get()), true);
            }
            throw ApiException.unavailable(
                    RestaurantErrorCodes.MAP_UNAVAILABLE,
                    "The place could not be fetched from map-service; try again shortly.",
                    5,
                    unavailable);
        }
    }

    /** Since the place was last fetched from map-service (a user's edit of name_ja does not make it fresh). */
    private Duration age(Restaurant restaurant) {
        Instant synced = catalog.syncedAt(restaurant.id()).orElse(Instant.EPOCH);
        Duration age = Duration.between(synced, clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }
}
