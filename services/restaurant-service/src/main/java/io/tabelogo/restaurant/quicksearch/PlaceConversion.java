package io.tabelogo.restaurant.quicksearch;

import io.tabelogo.api.map.v1.AddressComponent;
import io.tabelogo.api.map.v1.Photo;
import io.tabelogo.api.map.v1.Place;
import io.tabelogo.restaurant.catalog.RestaurantFields;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A map-service place as a Google-sourced restaurant (the quick search's second step). Pure: no Spring, no I/O. The
 * first version left price ranges empty and never refreshed area or hours; every field here is converted on each
 * refresh. Values a restaurant cannot hold (an oversize name, a non-web "website") are dropped or cut, so a odd
 * place never fails the quick search.
 */
final class PlaceConversion {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> WEEKDAYS =
            List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
    /** Types that name a kind of place to eat when no {@code *_restaurant} type does. */
    private static final List<String> EATERY_TYPES =
            List.of("cafe", "bar", "bakery", "coffee_shop", "meal_takeaway", "fast_food_restaurant");

    private static final Set<String> TOO_GENERAL = Set.of("restaurant", "food", "point_of_interest", "establishment");

    private PlaceConversion() {}

    static RestaurantFields fields(Place place) {
        return new RestaurantFields(
                place.getDisplayName().getText().isBlank()
                        ? place.getId()
                        : cut(place.getDisplayName().getText(), 200),
                null,
                area(place.getAddressComponentsList()),
                "google",
                place.getId(),
                cut(place.getFormattedAddress(), 500),
                place.hasLocation() ? place.getLocation().getLatitude() : null,
                place.hasLocation() ? place.getLocation().getLongitude() : null,
                place.hasRating() ? Math.clamp(place.getRating(), 0, 5) : null,
                priceRange(place),
                cuisine(place.getTypesList()),
                cut(
                        !place.getNationalPhoneNumber().isBlank()
                                ? place.getNationalPhoneNumber()
                                : place.getInternationalPhoneNumber(),
                        50),
                website(place.getWebsiteUri()),
                openingHours(place),
                metadata(place));
    }

    /** FREE and INEXPENSIVE are "$"; unknown is no price range, not an empty one. */
    static String priceRange(Place place) {
        return switch (place.getPriceLevel()) {
            case PRICE_LEVEL_FREE, PRICE_LEVEL_INEXPENSIVE -> "$";
            case PRICE_LEVEL_MODERATE -> "$$";
            case PRICE_LEVEL_EXPENSIVE -> "$$$";
            case PRICE_LEVEL_VERY_EXPENSIVE -> "$$$$";
            default -> null;
        };
    }

    /** The most specific {@code *_restaurant} type ("ramen_restaurant" → "ramen"); Google lists it first. */
    static String cuisine(List<String> types) {
        for (String type : types) {
            if (type.endsWith("_restaurant") && !TOO_GENERAL.contains(type) && !type.equals("fast_food_restaurant")) {
                return cut(
                        type.substring(0, type.length() - "_restaurant".length())
                                .replace('_', ' '),
                        100);
            }
        }
        return types.stream()
                .filter(EATERY_TYPES::contains)
                .findFirst()
                .map(type -> type.replace('_', ' '))
                .orElse(null);
    }

    /** The prefecture ({@code administrative_area_level_1}), its short English name preferred. */
    static String area(List<AddressComponent> components) {
        return components.stream()
                .filter(c -> c.getTypesList().contains("administrative_area_level_1"))
                .findFirst()
                .map(c -> !c.getShortText().isBlank() ? c.getShortText() : c.getLongText())
                .map(name -> cut(name, 100))
                .orElse(null);
    }

    /** {@code {"monday": "11:30 AM – 2:30 PM", …}} from the regular hours' weekday descriptions. */
    static ObjectNode openingHours(Place place) {
        ObjectNode hours = NODES.objectNode();
        List<String> descriptions = place.getRegularOpeningHours().getWeekdayDescriptionsList();
        for (int i = 0; i < descriptions.size(); i++) {
            String description = descriptions.get(i);
            int colon = description.indexOf(": ");
            String day = colon > 0 ? description.substring(0, colon).toLowerCase(Locale.ROOT) : null;
            if (day != null && WEEKDAYS.contains(day)) {
                hours.put(day, description.substring(colon + 2));
            } else if (i < WEEKDAYS.size()) { // Google lists Monday first
                hours.put(WEEKDAYS.get(i), description);
            }
        }
        return hours;
    }

    static ObjectNode metadata(Place place) {
        ObjectNode metadata = NODES.objectNode();
        ArrayNode photos = metadata.putArray("photos");
        for (Photo photo : place.getPhotosList()) {
            photos.addObject()
                    .put("name", photo.getName())
                    .put("width_px", photo.getWidthPx())
                    .put("height_px", photo.getHeightPx());
        }
        if (place.getCurrentOpeningHours().hasOpenNow()) {
            metadata.put("open_now", place.getCurrentOpeningHours().getOpenNow());
        }
        if (place.hasUserRatingCount()) {
            metadata.put("user_ratings_total", place.getUserRatingCount());
        }
        ArrayNode types = metadata.putArray("types");
        place.getTypesList().forEach(types::add);
        if (!place.getEditorialSummary().getText().isBlank()) {
            metadata.put("editorial_summary", place.getEditorialSummary().getText());
        }
        return metadata;
    }

    private static String website(String uri) {
        if (uri.isBlank() || uri.length() > 2000) {
            return null;
        }
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && parsed.getHost() != null ? uri : null;
        } catch (java.net.URISyntaxException notAnAddress) {
            return null;
        }
    }

    private static String cut(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.length() <= max ? trimmed : trimmed.substring(0, max);
    }
}
