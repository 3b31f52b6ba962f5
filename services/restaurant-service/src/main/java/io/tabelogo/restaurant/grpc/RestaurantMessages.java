package io.tabelogo.restaurant.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import io.tabelogo.api.restaurant.v1.Favorite;
import io.tabelogo.api.restaurant.v1.PageInfo;
import io.tabelogo.api.restaurant.v1.Restaurant;
import io.tabelogo.api.restaurant.v1.RestaurantSource;
import io.tabelogo.api.restaurant.v1.RestaurantSummary;
import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ApiException.FieldProblem;
import io.tabelogo.restaurant.catalog.Page;
import io.tabelogo.restaurant.catalog.RestaurantFields;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Restaurants and favourites between their protobuf messages and the service's records. */
final class RestaurantMessages {

    private final JsonMapper json;

    RestaurantMessages(JsonMapper json) {
        this.json = json;
    }

    Restaurant restaurant(io.tabelogo.restaurant.catalog.Restaurant r) {
        Restaurant.Builder message = Restaurant.newBuilder()
                .setId(r.id().toString())
                .setName(r.name())
                .setNameJa(text(r.nameJa()))
                .setArea(text(r.area()))
                .setSource(source(r.source()))
                .setExternalId(text(r.externalId()))
                .setAddress(text(r.address()))
                .setPriceRange(text(r.priceRange()))
                .setCuisineType(text(r.cuisineType()))
                .setPhone(text(r.phone()))
                .setWebsite(text(r.website()))
                .setOpeningHours(struct(r.openingHours()))
                .setMetadata(struct(r.metadata()))
                .setTabelogUrl(text(r.tabelogUrl()))
                .setViewCount(r.viewCount());
        if (r.latitude() != null) {
            message.setLatitude(r.latitude()).setLongitude(r.longitude());
        }
        if (r.rating() != null) {
            message.setRating(r.rating());
        }
        if (r.tabelogRating() != null) {
            message.setTabelogRating(r.tabelogRating());
        }
        if (r.tabelogReviewCount() != null) {
            message.setTabelogReviewCount(r.tabelogReviewCount());
        }
        if (r.tabelogUpdatedAt() != null) {
            message.setTabelogUpdatedAt(timestamp(r.tabelogUpdatedAt()));
        }
        return message.setCreatedAt(timestamp(r.createdAt()))
                .setUpdatedAt(timestamp(r.updatedAt()))
                .build();
    }

    /** The writable fields of a message (id, counters, Tabelog data and timestamps are ignored). */
    RestaurantFields fields(Restaurant m) {
        return new RestaurantFields(
                m.getName(),
                m.getNameJa(),
                m.getArea(),
                source(m.getSource()),
                m.getExternalId(),
                m.getAddress(),
                m.hasLatitude() ? m.getLatitude() : null,
                m.hasLongitude() ? m.getLongitude() : null,
                m.hasRating() ? m.getRating() : null,
                m.getPriceRange(),
                m.getCuisineType(),
                m.getPhone(),
                m.getWebsite(),
                m.hasOpeningHours() ? node(m.getOpeningHours()) : null,
                m.hasMetadata() ? node(m.getMetadata()) : null);
    }

    Favorite favorite(io.tabelogo.restaurant.favorites.Favorite f) {
        Favorite.Builder message = Favorite.newBuilder()
                .setId(f.id().toString())
                .setUserId(f.userId().toString())
                .setRestaurantId(f.restaurantId().toString())
                .setNotes(text(f.notes()))
                .addAllTags(f.tags())
                .setVisitCount(f.visitCount())
                .setCreatedAt(timestamp(f.createdAt()))
                .setUpdatedAt(timestamp(f.updatedAt()));
        if (f.lastVisitedAt() != null) {
            message.setLastVisitedAt(timestamp(f.lastVisitedAt()));
        }
        var r = f.restaurant();
        RestaurantSummary.Builder summary = RestaurantSummary.newBuilder()
                .setId(r.id().toString())
                .setName(r.name())
                .setNameJa(text(r.nameJa()))
                .setArea(text(r.area()))
                .setCuisineType(text(r.cuisineType()))
                .setPriceRange(text(r.priceRange()));
        if (r.rating() != null) {
            summary.setRating(r.rating());
        }
        return message.setRestaurant(summary).build();
    }

    static PageInfo page(Page<?> page) {
        return PageInfo.newBuilder()
                .setPage(page.page())
                .setSize(page.size())
                .setTotal(page.total())
                .build();
    }

    static RestaurantSource source(String source) {
        return switch (source) {
            case "google" -> RestaurantSource.RESTAURANT_SOURCE_GOOGLE;
            case "tabelog" -> RestaurantSource.RESTAURANT_SOURCE_TABELOG;
            case "manual" -> RestaurantSource.RESTAURANT_SOURCE_MANUAL;
            default -> RestaurantSource.RESTAURANT_SOURCE_UNSPECIFIED;
        };
    }

    /** The stored name of a source; unspecified is refused by the restaurant rules ("must be one of …"). */
    static String source(RestaurantSource source) {
        return switch (source) {
            case RESTAURANT_SOURCE_GOOGLE, RESTAURANT_SOURCE_TABELOG, RESTAURANT_SOURCE_MANUAL ->
                source.name().substring("RESTAURANT_SOURCE_".length()).toLowerCase(Locale.ROOT);
            default -> null;
        };
    }

    private Struct struct(JsonNode node) {
        Struct.Builder struct = Struct.newBuilder();
        if (node != null && node.isObject()) {
            try {
                JsonFormat.parser().merge(json.writeValueAsString(node), struct);
            } catch (InvalidProtocolBufferException unrepresentable) { // stored JSON is always an object
                throw new IllegalStateException(unrepresentable);
            }
        }
        return struct.build();
    }

    private JsonNode node(Struct struct) {
        try {
            return json.readTree(JsonFormat.printer().print(struct));
        } catch (InvalidProtocolBufferException unrepresentable) {
            throw ApiException.validation(
                    "A JSON field cannot be read.", List.of(new FieldProblem("restaurant", "invalid struct")));
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
