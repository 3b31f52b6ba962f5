package io.tabelogo.map.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which Place fields a caller wants ({@code api_mask}, Google's {@code X-Goog-FieldMask}). Empty means the default
 * mask. Paths are the top-level fields of Google's Place ({@link #PLACE_FIELDS}; a dotted path such as
 * {@code displayName.text} counts as its field, which is what Google bills), optionally prefixed with
 * {@code places.} as Google's text search expects; {@code *} means every field. Kept sorted and deduplicated, and
 * unknown names are refused, so the spellings of one mask are one mask and a caller cannot make up endless new
 * ones.
 */
public record FieldMask(List<String> paths) {

    /** What Tabelogo shows of a place, sent to Google when the caller names no mask. */
    public static final List<String> DEFAULT_PATHS = List.of(
            "id",
            "displayName",
            "formattedAddress",
            "location",
            "rating",
            "userRatingCount",
            "priceLevel",
            "types",
            "photos",
            "regularOpeningHours",
            "currentOpeningHours",
            "addressComponents",
            "nationalPhoneNumber",
            "internationalPhoneNumber",
            "websiteUri",
            "editorialSummary");

    /** The top-level fields of Google's Place (Places API (New)). */
    public static final Set<String> PLACE_FIELDS = Set.of(
            "accessibilityOptions",
            "addressComponents",
            "addressDescriptor",
            "adrFormatAddress",
            "allowsDogs",
            "attributions",
            "businessStatus",
            "containingPlaces",
            "curbsidePickup",
            "currentOpeningHours",
            "currentSecondaryOpeningHours",
            "delivery",
            "dineIn",
            "displayName",
            "editorialSummary",
            "evChargeAmenitySummary",
            "evChargeOptions",
            "formattedAddress",
            "fuelOptions",
            "generativeSummary",
            "goodForChildren",
            "goodForGroups",
            "goodForWatchingSports",
            "googleMapsLinks",
            "googleMapsUri",
            "iconBackgroundColor",
            "iconMaskBaseUri",
            "id",
            "internationalPhoneNumber",
            "liveMusic",
            "location",
            "menuForChildren",
            "name",
            "nationalPhoneNumber",
            "neighborhoodSummary",
            "outdoorSeating",
            "parkingOptions",
            "paymentOptions",
            "photos",
            "plusCode",
            "postalAddress",
            "priceLevel",
            "priceRange",
            "primaryType",
            "primaryTypeDisplayName",
            "pureServiceAreaBusiness",
            "rating",
            "regularOpeningHours",
            "regularSecondaryOpeningHours",
            "reservable",
            "restroom",
            "reviewSummary",
            "reviews",
            "servesBeer",
            "servesBreakfast",
            "servesBrunch",
            "servesCocktails",
            "servesCoffee",
            "servesDessert",
            "servesDinner",
            "servesLunch",
            "servesVegetarianFood",
            "servesWine",
            "shortFormattedAddress",
            "subDestinations",
            "takeout",
            "timeZone",
            "types",
            "userRatingCount",
            "utcOffsetMinutes",
            "viewport",
            "websiteUri");

    public static final FieldMask DEFAULT = new FieldMask(List.of());

    public static final int MAX_LENGTH = 1000;
    private static final Pattern PATH = Pattern.compile("\\*|[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*");

    public FieldMask {
        paths = List.copyOf(paths);
    }

    /**
     * @throws IllegalArgumentException with a message fit for a client when {@code raw} is not a field mask
     */
    public static FieldMask parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT;
        }
        if (raw.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
        }
        Set<String> paths = new TreeSet<>();
        for (String part : raw.split(",", -1)) {
            String path = part.strip();
            if (path.startsWith("places.")) {
                path = path.substring("places.".length());
            }
            if (!PATH.matcher(path).matches()) {
                throw new IllegalArgumentException(
                        "must be a comma-separated list of field names such as id,displayName,rating");
            }
            String field = path.split("\\.", 2)[0];
            if (!field.equals("*") && !PLACE_FIELDS.contains(field)) {
                throw new IllegalArgumentException("names " + field + ", which is not a field of a Place");
            }
            paths.add(field);
        }
        return new FieldMask(List.copyOf(paths.contains("*") ? Set.of("*") : paths));
    }

    public boolean isDefault() {
        return paths.isEmpty();
    }

    /** Every field ({@code *}): the most expensive request Google bills. */
    public boolean isEverything() {
        return paths.contains("*");
    }

    /** Only fields Tabelogo shows anyway ({@link #DEFAULT_PATHS}), which any caller may ask for. */
    public boolean isWithinDefault() {
        return isDefault() || DEFAULT_PATHS.containsAll(paths);
    }

    /** {@code X-Goog-FieldMask} of a details request. */
    public String detailsHeader() {
        return String.join(",", isDefault() ? DEFAULT_PATHS : paths);
    }

    /** {@code X-Goog-FieldMask} of a text search: the same paths under {@code places.}. */
    public String searchHeader() {
        return (isDefault() ? DEFAULT_PATHS : paths)
                .stream().map(path -> path.equals("*") ? "*" : "places." + path).collect(Collectors.joining(","));
    }

    /** A short, stable name of this mask for cache keys. */
    public String cacheTag() {
        if (isDefault()) {
            return "default";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join(",", paths).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The place reduced to the top-level fields this mask names (a dotted path keeps its whole top-level field),
     * as Google does. The default mask keeps the default fields.
     */
    public ObjectNode apply(ObjectNode place) {
        if (paths.contains("*")) {
            return place;
        }
        Set<String> keep = (isDefault() ? DEFAULT_PATHS : paths)
                .stream().map(path -> path.split("\\.", 2)[0]).collect(Collectors.toSet());
        ObjectNode masked = place.objectNode();
        for (String field : place.propertyNames()) {
            if (keep.contains(field)) {
                masked.set(field, place.get(field));
            }
        }
        return masked;
    }
}
