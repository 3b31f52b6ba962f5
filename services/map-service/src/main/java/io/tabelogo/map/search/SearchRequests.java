package io.tabelogo.map.search;

import io.tabelogo.map.provider.FieldMask;
import io.tabelogo.map.provider.LatLng;
import io.tabelogo.map.provider.RankPreference;
import io.tabelogo.map.provider.Rectangle;
import io.tabelogo.map.provider.TextQuery;
import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ApiException.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The search requests as they arrive (HTTP bodies; gRPC messages are converted to them), and the one place
 * that checks them. Every problem is reported at once, by snake_case field path, as 400 {@code VALIDATION_FAILED}
 * (gRPC: INVALID_ARGUMENT).
 */
public final class SearchRequests {

    public static final Set<String> LANGUAGES = Set.of("en", "ja", "zh-TW");
    public static final String DEFAULT_LANGUAGE = "en";
    public static final int MAX_BATCH = 50;
    private static final int MAX_TEXT_QUERY = 200;
    /** Google place ids are URL-safe base64; anything else cannot be one and must not reach a URL path. */
    private static final Pattern PLACE_ID = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    private SearchRequests() {}

    public record QuickSearchBody(String placeId, String languageCode, String apiMask) {}

    public record AdvanceSearchBody(
            String textQuery,
            LocationBias locationBias,
            Integer maxResultCount,
            Double minRating,
            Boolean openNow,
            String rankPreference,
            String languageCode,
            String apiMask) {}

    public record LocationBias(RectangleBody rectangle) {}

    public record RectangleBody(Point low, Point high) {}

    public record Point(Double latitude, Double longitude) {}

    /** A validated place lookup. */
    public record PlaceQuery(String placeId, String languageCode, FieldMask mask) {

        PlaceQuery withMask(FieldMask other) {
            return new PlaceQuery(placeId, languageCode, other);
        }

        String cacheKey() {
            return PlaceCache.placeKey(placeId, languageCode, mask.cacheTag());
        }
    }

    public static PlaceQuery placeQuery(QuickSearchBody body) {
        List<FieldProblem> problems = new ArrayList<>();
        String placeId = placeId("place_id", body.placeId(), problems);
        String language = language(body.languageCode(), problems);
        FieldMask mask = mask(body.apiMask(), problems);
        throwIfAny(problems);
        return new PlaceQuery(placeId, language, mask);
    }

    /** Ids in order, duplicates dropped, each checked like {@code place_id}. */
    public static List<PlaceQuery> batch(List<String> placeIds, String languageCode, String apiMask) {
        List<FieldProblem> problems = new ArrayList<>();
        if (placeIds.isEmpty() || placeIds.size() > MAX_BATCH) {
            problems.add(new FieldProblem("place_ids", "must hold 1 to " + MAX_BATCH + " ids"));
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < placeIds.size() && i < MAX_BATCH; i++) {
            ids.add(placeId("place_ids[" + i + "]", placeIds.get(i), problems));
        }
        String language = language(languageCode, problems);
        FieldMask mask = mask(apiMask, problems);
        throwIfAny(problems);
        return ids.stream().map(id -> new PlaceQuery(id, language, mask)).toList();
    }

    public static TextQuery textQuery(AdvanceSearchBody body) {
        List<FieldProblem> problems = new ArrayList<>();
        String text = body.textQuery() == null ? "" : body.textQuery().strip();
        if (text.isEmpty()) {
            problems.add(new FieldProblem("text_query", "is required"));
        } else if (text.length() > MAX_TEXT_QUERY) {
            problems.add(new FieldProblem("text_query", "must be at most " + MAX_TEXT_QUERY + " characters"));
        }
        Rectangle rectangle = rectangle(body.locationBias(), problems);
        Integer max = body.maxResultCount();
        if (max == null) {
            problems.add(new FieldProblem("max_result_count", "is required (1 to 20)"));
        } else if (max < 1 || max > 20) {
            problems.add(new FieldProblem("max_result_count", "must be between 1 and 20"));
        }
        Double minRating = body.minRating();
        if (minRating != null && !(minRating >= 0 && minRating <= 5)) {
            problems.add(new FieldProblem("min_rating", "must be between 0 and 5"));
        }
        RankPreference rank = RankPreference.RELEVANCE;
        if (body.rankPreference() != null && !body.rankPreference().isBlank()) {
            try {
                rank = RankPreference.valueOf(body.rankPreference());
            } catch (IllegalArgumentException unknown) {
                problems.add(new FieldProblem("rank_preference", "must be DISTANCE or RELEVANCE"));
            }
        }
        String language = language(body.languageCode(), problems);
        FieldMask mask = mask(body.apiMask(), problems);
        throwIfAny(problems);
        return new TextQuery(text, rectangle, max, minRating, body.openNow(), rank, language, mask);
    }

    private static Rectangle rectangle(LocationBias bias, List<FieldProblem> problems) {
        if (bias == null) {
            problems.add(new FieldProblem("location_bias", "is required (a rectangle with low and high corners)"));
            return null;
        }
        if (bias.rectangle() == null) {
            problems.add(new FieldProblem("location_bias.rectangle", "is required (low and high corners)"));
            return null;
        }
        LatLng low = point("location_bias.rectangle.low", bias.rectangle().low(), problems);
        LatLng high = point("location_bias.rectangle.high", bias.rectangle().high(), problems);
        if (low == null || high == null) {
            return null;
        }
        if (low.latitude() > high.latitude()) {
            problems.add(
                    new FieldProblem("location_bias.rectangle", "low.latitude must not be greater than high.latitude"));
            return null;
        }
        return new Rectangle(low, high);
    }

    private static LatLng point(String field, Point point, List<FieldProblem> problems) {
        if (point == null) {
            problems.add(new FieldProblem(field, "is required"));
            return null;
        }
        boolean valid = true;
        if (point.latitude() == null || !(point.latitude() >= -90 && point.latitude() <= 90)) {
            problems.add(new FieldProblem(field + ".latitude", "must be between -90 and 90"));
            valid = false;
        }
        if (point.longitude() == null || !(point.longitude() >= -180 && point.longitude() <= 180)) {
            problems.add(new FieldProblem(field + ".longitude", "must be between -180 and 180"));
            valid = false;
        }
        return valid ? new LatLng(point.latitude(), point.longitude()) : null;
    }

    private static String placeId(String field, String placeId, List<FieldProblem> problems) {
        String id = placeId == null ? "" : placeId.strip();
        if (id.isEmpty()) {
            problems.add(new FieldProblem(field, "is required"));
        } else if (!PLACE_ID.matcher(id).matches()) {
            problems.add(new FieldProblem(field, "is not a place id (letters, digits, _ and -, at most 256)"));
        }
        return id;
    }

    private static String language(String languageCode, List<FieldProblem> problems) {
        if (languageCode == null || languageCode.isBlank()) {
            return DEFAULT_LANGUAGE;
        }
        if (!LANGUAGES.contains(languageCode)) {
            problems.add(new FieldProblem("language_code", "must be en, ja or zh-TW"));
        }
        return languageCode;
    }

    private static FieldMask mask(String apiMask, List<FieldProblem> problems) {
        try {
            return FieldMask.parse(apiMask);
        } catch (IllegalArgumentException invalid) {
            problems.add(new FieldProblem("api_mask", invalid.getMessage()));
            return FieldMask.DEFAULT;
        }
    }

    private static void throwIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw ApiException.validation("The request has invalid fields.", problems);
        }
    }
}
