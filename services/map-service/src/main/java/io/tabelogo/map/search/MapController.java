package io.tabelogo.map.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tabelogo.map.provider.FieldMask;
import io.tabelogo.map.provider.TextQuery;
import io.tabelogo.map.search.PlaceSearch.PlaceResult;
import io.tabelogo.map.search.PlaceSearch.SearchResult;
import io.tabelogo.map.search.SearchRequests.AdvanceSearchBody;
import io.tabelogo.map.search.SearchRequests.PlaceQuery;
import io.tabelogo.map.search.SearchRequests.QuickSearchBody;
import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ApiException.FieldProblem;
import io.tabelogo.platform.security.Roles;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Place search over HTTP. Public: a valid token makes the rate limit per user instead of per address, and widens the
 * fields a caller may ask for ({@link #allowedFor}).
 */
@RestController
@RequestMapping("/api/v1/map")
class MapController {

    private final PlaceSearch search;
    private final ClientRateLimits limits;

    MapController(PlaceSearch search, ClientRateLimits limits) {
        this.search = search;
        this.limits = limits;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record QuickSearchResponse(
            String source,
            Instant cachedAt,
            Boolean stale,

            @Schema(implementation = PlaceDescription.class) @JsonRawValue
            String result) {}

    record AdvanceSearchResponse(
            @ArraySchema(schema = @Schema(implementation = PlaceDescription.class)) @JsonRawValue
            String places,

            int totalCount,
            SearchMetadata searchMetadata) {}

    /**
     * Anonymous callers may ask for the fields Tabelogo shows (the default mask) and no others; signed-in users for
     * any field of a Place; every field ({@code *}, Google's most expensive request) is for administrators.
     */
    private static <T> T allowedFor(T query, Function<T, FieldMask> mask) {
        FieldMask asked = mask.apply(query);
        Jwt caller = SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
                ? token.getToken()
                : null;
        if (asked.isEverything() && (caller == null || !Roles.isAdmin(caller))) {
            throw ApiException.validation(
                    "The request is not valid.",
                    List.of(new FieldProblem("api_mask", "* (every field) is for administrators only")));
        }
        if (caller == null && !asked.isWithinDefault()) {
            throw ApiException.validation(
                    "The request is not valid.",
                    List.of(new FieldProblem(
                            "api_mask",
                            "without signing in, only these fields: " + String.join(",", FieldMask.DEFAULT_PATHS))));
        }
        return query;
    }

    record SearchMetadata(String textQuery, long searchTimeMs, String source) {}

    @PostMapping("/quick_search")
    QuickSearchResponse quickSearch(
            @RequestBody QuickSearchBody body, HttpServletRequest request, HttpServletResponse response) {
        limits.check(limits.quickSearch, request, response);
        PlaceQuery query = search.validated(() -> allowedFor(SearchRequests.placeQuery(body), PlaceQuery::mask));
        PlaceResult result = search.quickSearch(query);
        return new QuickSearchResponse(
                result.source(), result.cachedAt(), result.stale() ? Boolean.TRUE : null, result.placeJson());
    }

    @PostMapping("/advance_search")
    AdvanceSearchResponse advanceSearch(
            @RequestBody AdvanceSearchBody body, HttpServletRequest request, HttpServletResponse response) {
        limits.check(limits.advanceSearch, request, response);
        TextQuery query = search.validated(() -> allowedFor(SearchRequests.textQuery(body), TextQuery::mask));
        SearchResult result = search.advanceSearch(query);
        return new AdvanceSearchResponse(
                result.placesJson(),
                result.count(),
                new SearchMetadata(query.textQuery(), result.searchTimeMs(), result.source()));
    }
}
