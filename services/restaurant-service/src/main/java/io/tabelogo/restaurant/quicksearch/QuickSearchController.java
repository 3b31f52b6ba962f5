package io.tabelogo.restaurant.quicksearch;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tabelogo.platform.ratelimit.RateLimitDecision;
import io.tabelogo.platform.ratelimit.RateLimitPolicy;
import io.tabelogo.platform.ratelimit.RedisRateLimiter;
import io.tabelogo.platform.web.ClientIpResolver;
import io.tabelogo.platform.web.PublicReads;
import io.tabelogo.restaurant.catalog.Restaurant;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
class QuickSearchController {

    private final QuickSearch quickSearch;
    private final RedisRateLimiter limiter;
    private final RateLimitPolicy perClient;
    private final ClientIpResolver clientIp;
    private final PublicReads publicReads;
    private final JsonMapper json;

    QuickSearchController(
            QuickSearch quickSearch,
            RedisRateLimiter limiter,
            ClientIpResolver clientIp,
            QuickSearchSettings settings,
            PublicReads publicReads,
            JsonMapper json) {
        this.quickSearch = quickSearch;
        this.publicReads = publicReads;
        this.json = json;
        this.limiter = limiter;
        this.clientIp = clientIp;
        this.perClient =
                limiter.register(RateLimitPolicy.perMinute("restaurant_quick_search", settings.quickSearchPerMinute()));
    }

    /** The restaurant's JSON text, written once: the ETag is made from it. */
    record QuickSearchResponse(
            @Schema(implementation = Restaurant.class) @JsonRawValue
            String restaurant) {}

    /** Headers say where the answer came from and how old it is. */
    @GetMapping("/api/v1/restaurants/quick-search/{placeId}")
    ResponseEntity<QuickSearchResponse> quickSearch(
            @PathVariable String placeId, HttpServletRequest request, HttpServletResponse servletResponse) {
        RateLimitDecision decision = limiter.tryConsume(perClient, clientIp.clientKey(request));
        decision.writeHeaders(servletResponse);
        if (!decision.allowed()) {
            throw decision.rejection();
        }
        QuickSearch.Answer answer = quickSearch.search(placeId);
        String restaurant = json.writeValueAsString(answer.restaurant());
        // Public and cacheable; a stale copy (map-service failing) must be asked for again each time.
        String etag = PublicReads.etag(restaurant);
        ResponseEntity.BodyBuilder response = (answer.stale() ? publicReads.outOfDate(etag) : publicReads.fresh(etag))
                .header("X-Cache-Status", answer.fromStore() ? "HIT" : "MISS")
                .header("X-Data-Source", answer.fromStore() ? "CACHE" : "MAP_SERVICE")
                .header("X-Data-Age", answer.age().toSeconds() + "s");
        if (answer.stale()) {
            response.header("X-Data-Stale", "true");
        }
        return response.body(new QuickSearchResponse(restaurant));
    }
}
