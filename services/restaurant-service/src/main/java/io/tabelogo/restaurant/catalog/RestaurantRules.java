package io.tabelogo.restaurant.catalog;

import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ApiException.FieldProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** The rules every write of a restaurant obeys, whoever writes it (pure: no Spring, no I/O). */
public final class RestaurantRules {

    public static final Set<String> SOURCES = Set.of("google", "tabelog", "manual");
    public static final Set<String> PRICE_RANGES = Set.of("$", "$$", "$$$", "$$$$");

    private RestaurantRules() {}

    /** The fields, trimmed (blank text becomes absent); a 400 naming every invalid field otherwise. */
    public static RestaurantFields checked(RestaurantFields f) {
        RestaurantFields t = new RestaurantFields(
                trimmed(f.name()),
                trimmed(f.nameJa()),
                trimmed(f.area()),
                trimmed(f.source()),
                trimmed(f.externalId()),
                trimmed(f.address()),
                f.latitude(),
                f.longitude(),
                f.rating(),
                trimmed(f.priceRange()),
                trimmed(f.cuisineType()),
                trimmed(f.phone()),
                trimmed(f.website()),
                f.openingHours(),
                f.metadata());
        List<FieldProblem> problems = new ArrayList<>();
        if (t.name() == null) {
            problems.add(new FieldProblem("name", "is required"));
        }
        length(problems, "name", t.name(), 200);
        length(problems, "name_ja", t.nameJa(), 200);
        length(problems, "area", t.area(), 100);
        length(problems, "external_id", t.externalId(), 300);
        length(problems, "address", t.address(), 500);
        length(problems, "cuisine_type", t.cuisineType(), 100);
        length(problems, "phone", t.phone(), 50);
        length(problems, "website", t.website(), 2000);
        if (t.source() == null || !SOURCES.contains(t.source())) {
            problems.add(new FieldProblem("source", "must be one of google, tabelog, manual"));
        } else if (!t.source().equals("manual") && t.externalId() == null) {
            problems.add(new FieldProblem("external_id", "is required for source " + t.source()));
        }
        if ((t.latitude() == null) != (t.longitude() == null)) {
            problems.add(new FieldProblem("latitude", "latitude and longitude come together"));
        }
        range(problems, "latitude", t.latitude(), -90, 90);
        range(problems, "longitude", t.longitude(), -180, 180);
        range(problems, "rating", t.rating(), 0, 5);
        if (t.priceRange() != null && !PRICE_RANGES.contains(t.priceRange())) {
            problems.add(new FieldProblem("price_range", "must be one of $, $$, $$$, $$$$"));
        }
        if (t.website() != null && !isWebAddress(t.website())) {
            problems.add(new FieldProblem("website", "must be an http or https URL"));
        }
        object(problems, "opening_hours", t.openingHours());
        object(problems, "metadata", t.metadata());
        if (!problems.isEmpty()) {
            throw ApiException.validation("The restaurant is invalid.", problems);
        }
        return t;
    }

    /** A restaurant id from a path or message; a 400 for anything that is not a UUID. */
    public static UUID id(String field, String text) {
        try {
            if (text != null && text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException notUuid) {
            // answered below
        }
        throw ApiException.validation(
                "The " + field + " is not a valid id.", List.of(new FieldProblem(field, "must be a UUID")));
    }

    private static String trimmed(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        return t.isEmpty() ? null : t;
    }

    private static void length(List<FieldProblem> problems, String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
        }
    }

    private static void range(List<FieldProblem> problems, String field, Double value, double min, double max) {
        if (value != null && !(value >= min && value <= max)) { // NaN fails too
            problems.add(new FieldProblem(field, "must be between " + (int) min + " and " + (int) max));
        }
    }

    private static void object(List<FieldProblem> problems, String field, JsonNode value) {
        if (value != null && !value.isNull() && !value.isObject()) {
            problems.add(new FieldProblem(field, "must be a JSON object"));
        } else if (value != null && value.toString().length() > 64 * 1024) {
            problems.add(new FieldProblem(field, "must be at most 64 KiB of JSON"));
        }
    }

    private static boolean isWebAddress(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
