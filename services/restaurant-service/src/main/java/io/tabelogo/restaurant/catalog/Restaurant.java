package io.tabelogo.restaurant.catalog;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A live restaurant as stored. {@code openingHours} and {@code metadata} are JSON objects; the
 * {@code tabelog*} fields are set by the Tabelog enrichment. The {@code viewCount} of a cached copy may lag by the
 * counts not yet flushed.
 */
public record Restaurant(
        UUID id,
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
        JsonNode metadata,
        String tabelogUrl,
        Double tabelogRating,
        Integer tabelogReviewCount,
        Instant tabelogUpdatedAt,
        long viewCount,
        Instant createdAt,
        Instant updatedAt) {

    /** What a client may write: everything but the id, the counters, the Tabelog data and the timestamps. */
    public RestaurantFields fields() {
        return new RestaurantFields(
                name,
                nameJa,
                area,
                source,
                externalId,
                address,
                latitude,
                longitude,
                rating,
                priceRange,
                cuisineType,
                phone,
                website,
                openingHours,
                metadata);
    }
}
