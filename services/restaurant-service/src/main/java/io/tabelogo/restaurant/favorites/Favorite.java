package io.tabelogo.restaurant.favorites;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A restaurant a user saved, with their notes, tags and visits, and a summary of the restaurant. */
public record Favorite(
        UUID id,
        UUID userId,
        UUID restaurantId,
        String notes,
        List<String> tags,
        int visitCount,
        Instant lastVisitedAt,
        Instant createdAt,
        Instant updatedAt,
        RestaurantSummary restaurant) {

    public record RestaurantSummary(
            UUID id, String name, String nameJa, String area, String cuisineType, Double rating, String priceRange) {}

    /** The favourite after a save, and whether the save created it. */
    public record Saved(Favorite favorite, boolean created) {}
}
