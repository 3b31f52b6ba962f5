package io.tabelogo.restaurant.catalog;

import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ApiException.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/** Which page of a listing: zero-based {@code page}, {@code size} 1–100 (default 20). Pure. */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    /** Deep pages cost the database an ever longer scan; nobody reads past a million rows page by page. */
    public static final int MAX_PAGE = 10_000;

    public long offset() {
        return (long) page * size;
    }

    /** From request parameters as sent (either absent), or a 400 naming each bad one. */
    public static Paging parse(String page, String size) {
        List<FieldProblem> problems = new ArrayList<>();
        int p = parse(problems, "page", page, 0, MAX_PAGE, 0);
        int s = parse(problems, "size", size, 1, MAX_SIZE, DEFAULT_SIZE);
        if (!problems.isEmpty()) {
            throw ApiException.validation("The page is invalid.", problems);
        }
        return new Paging(p, s);
    }

    /** From a gRPC page request, where 0 means "not set" for the size. */
    public static Paging of(int page, int size) {
        return parse(Integer.toString(page), size == 0 ? null : Integer.toString(size));
    }

    static int parse(List<FieldProblem> problems, String field, String value, int min, int max, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int i = Integer.parseInt(value.strip());
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException notAnInteger) {
            // answered below
        }
        problems.add(new FieldProblem(field, "must be a whole number between " + min + " and " + max));
        return absent;
    }
}
