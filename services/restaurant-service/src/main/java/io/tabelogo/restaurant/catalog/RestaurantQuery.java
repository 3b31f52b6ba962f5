package io.tabelogo.restaurant.catalog;

import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ApiException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A restaurant search ({@code GET /restaurants}), checked: text filters are plain text (never SQL, never
 * LIKE patterns), the sort is one of an allow-list, a page is at most 100 rows. Pure: no Spring, no I/O.
 */
public record RestaurantQuery(
        String text,
        String area,
        String cuisine,
        Double minRating,
        Sort sort,
        Double latitude,
        Double longitude,
        Integer radiusMeters,
        int page,
        int size) {

    static final int MAX_RADIUS_METERS = 50_000;
    static final int MAX_TEXT = 100;

    public enum Sort {
        RATING,
        NAME,
        CREATED_AT,
        DISTANCE
    }

    /** Builds a query from request parameters as sent (any of them absent), or a 400 naming each bad one. */
    public static RestaurantQuery parse(
            String text,
            String area,
            String cuisine,
            String minRating,
            String sort,
            String latitude,
            String longitude,
            String radiusMeters,
            String page,
            String size) {
        List<FieldProblem> problems = new ArrayList<>();
        Parser p = new Parser(problems);
        RestaurantQuery query = new RestaurantQuery(
                p.text("q", text),
                p.text("area", area),
                p.text("cuisine", cuisine),
                p.decimal("min_rating", minRating, 0, 5),
                p.sort(sort),
                p.decimal("lat", latitude, -90, 90),
                p.decimal("lng", longitude, -180, 180),
                p.radius(radiusMeters),
                Paging.parse(problems, "page", page, 0, Paging.MAX_PAGE, 0),
                Paging.parse(problems, "size", size, 1, Paging.MAX_SIZE, Paging.DEFAULT_SIZE));
        return query.checked(problems);
    }

    /** Checks the rules between fields, adding to the problems found while parsing. */
    private RestaurantQuery checked(List<FieldProblem> problems) {
        List<FieldProblem> all = new ArrayList<>(problems);
        if ((latitude == null) != (longitude == null)) {
            all.add(new FieldProblem("lat", "lat and lng come together"));
        }
        if (latitude == null && radiusMeters != null) {
            all.add(new FieldProblem("radius_m", "needs lat and lng"));
        }
        if (latitude == null && sort == Sort.DISTANCE) {
            all.add(new FieldProblem("sort", "distance needs lat and lng"));
        }
        if (!all.isEmpty()) {
            throw ApiException.validation("The search is invalid.", all);
        }
        return this;
    }

    /** Everything, newest first. */
    public static RestaurantQuery newest(Paging paging) {
        return new RestaurantQuery(
                null, null, null, null, Sort.CREATED_AT, null, null, null, paging.page(), paging.size());
    }

    public Sort sortOrDefault() {
        return sort != null ? sort : latitude != null ? Sort.DISTANCE : Sort.RATING;
    }

    private record Parser(List<FieldProblem> problems) {

        String text(String field, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            String t = value.strip();
            if (t.length() > MAX_TEXT) {
                problems.add(new FieldProblem(field, "must be at most " + MAX_TEXT + " characters"));
                return null;
            }
            return t;
        }

        Double decimal(String field, String value, double min, double max) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                double d = Double.parseDouble(value.strip());
                if (d >= min && d <= max) {
                    return d;
                }
            } catch (NumberFormatException notANumber) {
                // answered below
            }
            problems.add(new FieldProblem(field, "must be a number between " + (int) min + " and " + (int) max));
            return null;
        }

        Integer radius(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            int before = problems.size();
            int radius = Paging.parse(problems, "radius_m", value, 1, MAX_RADIUS_METERS, 0);
            return problems.size() > before ? null : radius;
        }

        Sort sort(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "rating" -> Sort.RATING;
                case "name" -> Sort.NAME;
                case "created_at" -> Sort.CREATED_AT;
                case "distance" -> Sort.DISTANCE;
                default -> {
                    problems.add(new FieldProblem("sort", "must be one of rating, name, created_at, distance"));
                    yield null;
                }
            };
        }
    }
}
