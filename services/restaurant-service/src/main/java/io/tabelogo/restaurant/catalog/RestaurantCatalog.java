package io.tabelogo.restaurant.catalog;

import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ErrorCodes;
import io.tabelogo.restaurant.RestaurantErrorCodes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Restaurants: their use cases over the table, reads going through the {@link RestaurantCache}. */
@Service
public class RestaurantCatalog {

    /** What a user who is not an admin may change with PATCH. */
    static final Set<String> USER_EDITABLE = Set.of("name_ja");

    private static final Set<String> WRITABLE = Set.of(
            "name",
            "name_ja",
            "area",
            "source",
            "external_id",
            "address",
            "latitude",
            "longitude",
            "rating",
            "price_range",
            "cuisine_type",
            "phone",
            "website",
            "opening_hours",
            "metadata");

    private final Restaurants restaurants;
    private final RestaurantCache cache;
    private final ViewCounts views;
    private final JsonMapper json;

    RestaurantCatalog(Restaurants restaurants, RestaurantCache cache, ViewCounts views, JsonMapper json) {
        this.restaurants = restaurants;
        this.cache = cache;
        this.views = views;
        this.json = json;
    }

    public Restaurant create(RestaurantFields fields) {
        RestaurantFields checked = RestaurantRules.checked(fields);
        try {
            Restaurant created = restaurants.insert(checked);
            cache.written(created.id());
            return created;
        } catch (DuplicateKeyException duplicate) {
            throw ApiException.conflict(
                    RestaurantErrorCodes.RESTAURANT_DUPLICATE,
                    "A restaurant from " + checked.source() + " with this external id exists already.");
        }
    }

    /** The restaurant and which level answered; 404 when there is none. */
    public RestaurantCache.Lookup get(UUID id) {
        RestaurantCache.Lookup found = cache.get(id);
        if (found.restaurant() == null) {
            throw RestaurantErrorCodes.restaurantNotFound(id);
        }
        return found;
    }

    /** As {@link #get}, counted as a view by {@code viewer} (a client key: user, else address). */
    public RestaurantCache.Lookup view(UUID id, String viewer) {
        RestaurantCache.Lookup found = get(id);
        views.record(id, viewer);
        return found;
    }

    /** Straight from the table, for callers that must not see a cached copy. */
    public Optional<Restaurant> find(UUID id) {
        return restaurants.find(id);
    }

    /** When the restaurant's place data was last fetched from map-service (quick search's freshness). */
    public Optional<Instant> syncedAt(UUID id) {
        return restaurants.syncedAt(id);
    }

    /**
     * The restaurant's Japanese name as far as it vouches for the restaurant: not when a user who is not an admin
     * typed it (anyone may, with PATCH).
     */
    public Optional<String> vouchedNameJa(UUID id) {
        return restaurants.vouchedNameJa(id);
    }

    public Optional<Restaurant> findByExternalId(String source, String externalId) {
        return restaurants.findByExternalId(source, externalId);
    }

    /**
     * Overlays the fields present in {@code patch} (null clears one) on the stored restaurant. A user who is not an
     * admin may change only {@code name_ja}; unknown fields are a 400, forbidden ones a 403.
     */
    public Restaurant update(UUID id, JsonNode patch, boolean admin) {
        if (patch == null || !patch.isObject() || patch.isEmpty()) {
            throw ApiException.validation(
                    "The body must be a JSON object with the fields to change.",
                    List.of(new ApiException.FieldProblem("body", "must name at least one field")));
        }
        List<ApiException.FieldProblem> unknown = new ArrayList<>();
        List<String> forbidden = new ArrayList<>();
        for (String field : patch.propertyNames()) {
            if (!WRITABLE.contains(field)) {
                unknown.add(new ApiException.FieldProblem(field, "is not a field that can be changed"));
            } else if (!admin && !USER_EDITABLE.contains(field)) {
                forbidden.add(field);
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.validation("The change names fields that cannot be changed.", unknown);
        }
        if (!forbidden.isEmpty()) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    ErrorCodes.FORBIDDEN,
                    "Only admins may change " + String.join(", ", forbidden) + ".");
        }
        Restaurant current = restaurants.find(id).orElseThrow(() -> RestaurantErrorCodes.restaurantNotFound(id));
        ObjectNode merged = json.valueToTree(current.fields());
        merged.setAll((ObjectNode) patch);
        RestaurantFields changed = RestaurantRules.checked(json.treeToValue(merged, RestaurantFields.class));
        try {
            Restaurant updated = restaurants
                    .update(id, changed, patch.has("name_ja") ? !admin : null)
                    .orElseThrow(() -> RestaurantErrorCodes.restaurantNotFound(id));
            cache.written(id);
            return updated;
        } catch (DuplicateKeyException duplicate) {
            throw ApiException.conflict(
                    RestaurantErrorCodes.RESTAURANT_DUPLICATE,
                    "A restaurant from " + changed.source() + " with this external id exists already.");
        }
    }

    public void delete(UUID id) {
        if (!restaurants.softDelete(id)) {
            throw RestaurantErrorCodes.restaurantNotFound(id);
        }
        cache.written(id);
    }

    public Page<Restaurant> search(RestaurantQuery query) {
        return restaurants.search(query);
    }

    /** After a feature changed a restaurant's row on its own (e.g. its Tabelog columns): drop cached copies. */
    public void evict(UUID id) {
        cache.written(id);
    }

    /**
     * Stores a place found by quick search: inserts it, or fully refreshes the live row of the same source and
     * external id (concurrent calls for one new place leave one row).
     */
    public Restaurant savePlace(RestaurantFields fields) {
        Restaurant saved = restaurants.upsert(RestaurantRules.checked(fields));
        cache.written(saved.id());
        return saved;
    }
}
