package io.tabelogo.spider.jobs;

import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ApiException.FieldProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** {@code POST /api/v1/spider/scrape} and gRPC {@code SearchSimilarRestaurants}: which place to look up on Tabelog. */
public record ScrapeRequest(String googleId, String placeName, String placeNameJa, String area, Integer maxResults) {

    static final int DEFAULT_RESULTS = 10;
    static final int MAX_RESULTS = 20;
    // Google place ids and the offline dataset's ids: letters, digits, '_' and '-'.
    private static final Pattern PLACE_ID = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    /** The request with texts trimmed and the default result count, or a 400 naming every invalid field. */
    public ScrapeRequest validated() {
        List<FieldProblem> problems = new ArrayList<>();
        String id = trimmed(googleId);
        if (id == null) {
            problems.add(new FieldProblem("google_id", "is required"));
        } else if (!PLACE_ID.matcher(id).matches()) {
            problems.add(new FieldProblem("google_id", "must be 1-256 letters, digits, '_' or '-'"));
        }
        String name = text(problems, "place_name", placeName, true);
        String nameJa = text(problems, "place_name_ja", placeNameJa, false);
        String where = trimmed(area);
        if (where == null) {
            problems.add(new FieldProblem("area", "is required"));
        } else if (where.length() > 100) {
            problems.add(new FieldProblem("area", "must be at most 100 characters"));
        }
        int results = maxResults == null ? DEFAULT_RESULTS : maxResults;
        if (results < 1 || results > MAX_RESULTS) {
            problems.add(new FieldProblem("max_results", "must be between 1 and " + MAX_RESULTS));
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation("The scrape request is invalid.", problems);
        }
        return new ScrapeRequest(id, name, nameJa, where, results);
    }

    /**
     * What the request asks Tabelog — the name searched (the Japanese one when given), the area and the result count
     * — normalised (Unicode compatibility forms, case, runs of spaces) and hashed: the key of its job and cached
     * results, so only requests that would get the same answer share them.
     */
    public String searchKey() {
        return searchKey(placeNameJa != null && !placeNameJa.isBlank() ? placeNameJa : placeName, area, maxResults);
    }

    static String searchKey(String searchName, String area, int maxResults) {
        String canonical = normalised(searchName) + "\n" + normalised(area) + "\n" + maxResults;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String normalised(String text) {
        return Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .strip()
                .replaceAll("\\s+", " ");
    }

    private static String text(List<FieldProblem> problems, String field, String value, boolean required) {
        String text = trimmed(value);
        if (text == null && required) {
            problems.add(new FieldProblem(field, "is required"));
        } else if (text != null && text.length() > 200) {
            problems.add(new FieldProblem(field, "must be at most 200 characters"));
        }
        return text;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
