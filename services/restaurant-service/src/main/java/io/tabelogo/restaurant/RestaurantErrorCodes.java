package io.tabelogo.restaurant;

import io.tabelogo.platform.error.ApiException;
import java.util.UUID;

/** The problem codes of restaurant-service, on top of the platform's shared ones. */
public final class RestaurantErrorCodes {

    /** 404: no live restaurant has the id. */
    public static final String RESTAURANT_NOT_FOUND = "RESTAURANT_NOT_FOUND";
    /** 409: a live restaurant already has the source and external id. */
    public static final String RESTAURANT_DUPLICATE = "RESTAURANT_DUPLICATE";
    /** 404: the restaurant is not a favourite of the user. */
    public static final String FAVORITE_NOT_FOUND = "FAVORITE_NOT_FOUND";
    /** 404: no Tabelog data has been matched to the restaurant yet. */
    public static final String TABELOG_DATA_NOT_FOUND = "TABELOG_DATA_NOT_FOUND";
    /** 404: map-service knows no place with the id (quick search). */
    public static final String PLACE_NOT_FOUND = "PLACE_NOT_FOUND";
    /** 503: map-service failed (or its circuit is open) and no stored copy of the place exists. */
    public static final String MAP_UNAVAILABLE = "MAP_UNAVAILABLE";

    private RestaurantErrorCodes() {}

    public static ApiException restaurantNotFound(UUID id) {
        return ApiException.notFound(RESTAURANT_NOT_FOUND, "No restaurant has the id " + id + ".");
    }
}
