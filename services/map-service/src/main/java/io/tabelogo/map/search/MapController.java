package io.tabelogo.map.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.tabelogo.map.provider.TextQuery;
import io.tabelogo.map.search.PlaceSearch.PlaceResult;
import io.tabelogo.map.search.PlaceSearch.SearchResult;
import io.tabelogo.map.search.SearchRequests.AdvanceSearchBody;
import io.tabelogo.map.search.SearchRequests.PlaceQuery;
import io.tabelogo.map.search.SearchRequests.QuickSearchBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** SPEC §2 over HTTP. Public: a valid token only makes the rate limit per user instead of per address. */
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
            @JsonRawValue String result) {}

    record AdvanceSearchResponse(@JsonRawValue String places, int totalCount, SearchMetadata searchMetadata) {}

    record SearchMetadata(String textQuery, long searchTimeMs, String source) {}

    @PostMapping("/quick_search")
    QuickSearchResponse quickSearch(
            @RequestBody QuickSearchBody body, HttpServletRequest request, HttpServletResponse response) {
        limits.check(limits.quickSearch, request, response);
        PlaceQuery query = search.validated(() -> SearchRequests.placeQuery(body));
        PlaceResult result = search.quickSearch(query);
        return new QuickSearchResponse(
                result.source(), result.cachedAt(), result.stale() ? Boolean.TRUE : null, result.placeJson());
    }

    @PostMapping("/advance_search")
    AdvanceSearchResponse advanceSearch(
            @RequestBody AdvanceSearchBody body, HttpServletRequest request, HttpServletResponse response) {
        limits.check(limits.advanceSearch, request, response);
        TextQuery query = search.validated(() -> SearchRequests.textQuery(body));
        SearchResult result = search.advanceSearch(query);
        return new AdvanceSearchResponse(
                result.placesJson(),
                result.count(),
                new SearchMetadata(query.textQuery(), result.searchTimeMs(), result.source()));
    }
}
