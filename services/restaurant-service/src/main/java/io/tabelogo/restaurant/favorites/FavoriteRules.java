package io.tabelogo.restaurant.favorites;

import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ApiException.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Notes and tags of a favourite (pure): bounded, trimmed, tags without duplicates. */
final class FavoriteRules {

    static final int MAX_NOTES = 2000;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 50;

    private FavoriteRules() {}

    /** The notes as stored (blank clears them), or a 400. */
    static String notes(String notes) {
        if (notes == null || notes.isBlank()) {
            return null;
        }
        String trimmed = notes.strip();
        if (trimmed.length() > MAX_NOTES) {
            throw invalid("notes", "must be at most " + MAX_NOTES + " characters");
        }
        return trimmed;
    }

    /** The tags as stored: trimmed, in order, duplicates dropped; a 400 for too many, blank or long ones. */
    static List<String> tags(List<String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw invalid("tags", "at most " + MAX_TAGS + " tags");
        }
        Set<String> kept = new LinkedHashSet<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i) == null ? "" : tags.get(i).strip();
            if (tag.isEmpty() || tag.length() > MAX_TAG || tag.chars().anyMatch(Character::isISOControl)) {
                problems.add(new FieldProblem("tags[" + i + "]", "must be 1 to " + MAX_TAG + " printable characters"));
            }
            kept.add(tag);
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation("The tags are invalid.", problems);
        }
        return List.copyOf(kept);
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.validation("The favourite is invalid.", List.of(new FieldProblem(field, message)));
    }
}
