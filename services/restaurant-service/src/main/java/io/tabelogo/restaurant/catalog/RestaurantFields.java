package io.tabelogo.restaurant.catalog;

import tools.jackson.databind.JsonNode;

/**
 * The writable fields of a restaurant: the body of {@code POST /restaurants}, what a quick search converts a place
 * into, and what {@code PATCH} overlays. Checked by {@link RestaurantRules} before any write.
 */
public record RestaurantFields(
        String name,
        String nameJa,
        String area,
        String source,
        String externalId,
        String address,
        Double latitude,
        Double longitude,
        Double rating,
        String priceRange,
        String cuisineType,
        String phone,
        String website,
        JsonNode openingHours,
        JsonNode metadata) {}
