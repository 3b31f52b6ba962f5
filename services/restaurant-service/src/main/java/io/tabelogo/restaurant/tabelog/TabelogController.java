package io.tabelogo.restaurant.tabelog;

import io.tabelogo.platform.error.ApiException;
import io.tabelogo.restaurant.RestaurantErrorCodes;
import io.tabelogo.restaurant.catalog.Restaurant;
import io.tabelogo.restaurant.catalog.RestaurantCatalog;
import io.tabelogo.restaurant.catalog.RestaurantRules;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TabelogController {

    private final RestaurantCatalog catalog;

    TabelogController(RestaurantCatalog catalog) {
        this.catalog = catalog;
    }

    record TabelogData(String url, Double rating, Integer reviewCount, Instant updatedAt) {}

    record TabelogResponse(UUID restaurantId, TabelogData tabelog) {}

    /** The latest Tabelog data matched to the restaurant, or 404 while there is none. */
    @GetMapping("/api/v1/restaurants/{id}/tabelog")
    TabelogResponse tabelog(@PathVariable String id) {
        UUID restaurantId = RestaurantRules.id("id", id);
        Restaurant restaurant =
                catalog.find(restaurantId).orElseThrow(() -> RestaurantErrorCodes.restaurantNotFound(restaurantId));
        if (restaurant.tabelogUrl() == null) {
            throw ApiException.notFound(
                    RestaurantErrorCodes.TABELOG_DATA_NOT_FOUND,
                    "No Tabelog data has been matched to this restaurant yet.");
        }
        return new TabelogResponse(
                restaurantId,
                new TabelogData(
                        restaurant.tabelogUrl(),
                        restaurant.tabelogRating(),
                        restaurant.tabelogReviewCount(),
                        restaurant.tabelogUpdatedAt()));
    }
}
