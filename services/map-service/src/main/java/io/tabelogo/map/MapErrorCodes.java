package io.tabelogo.map;

import io.tabelogo.platform.error.ApiException;

/** The problem codes of map-service, on top of the platform's shared ones. */
public final class MapErrorCodes {

    /** 404: the provider does not know the place id. */
    public static final String PLACE_NOT_FOUND = "PLACE_NOT_FOUND";
    /** 503: the provider failed (or its circuit is open, or our quota is spent) and nothing usable was cached. */
    public static final String MAP_PROVIDER_UNAVAILABLE = "MAP_PROVIDER_UNAVAILABLE";

    private MapErrorCodes() {}

    /** The one answer for an unknown place, whichever provider or cache says so. */
    public static ApiException placeNotFound(String placeId) {
        return ApiException.notFound(PLACE_NOT_FOUND, "No place has the id " + placeId + ".");
    }
}
