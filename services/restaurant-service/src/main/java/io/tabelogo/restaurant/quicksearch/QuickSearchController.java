package io.tabelogo.restaurant.quicksearch;

import io.tabelogo.platform.ratelimit.RateLimitDecision;
import io.tabelogo.platform.ratelimit.RateLimitPolicy;
import io.tabelogo.platform.ratelimit.RedisRateLimiter;
import io.tabelogo.platform.web.ClientIpResolver;
import io.tabelogo.restaurant.catalog.Restaurant;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class QuickSearchController {

    private final QuickSearch quickSearch;
    private final RedisRateLimiter limiter;
    private final RateLimitPolicy perClient;
    private final ClientIpResolver clientIp;

    QuickSearchController(
            QuickSearch quickSearch,
            RedisRateLimiter limiter,
            ClientIpResolver clientIp,
            QuickSearchSettings settings) {
        this.quickSearch = quickSearch;
        this.limiter = limiter;
        this.clientIp = clientIp;
        this.perClient =
                limiter.register(RateLimitPolicy.perMinute("restaurant_quick_search", settings.quickSearchPerMinute()));
    }

    record QuickSearchResponse(Restaurant restaurant) {}

    /** Headers say where the answer came from and how old it is (SPEC §3). */
    @GetMapping("/api/v1/restaurants/quick-search/{placeId}")
    ResponseEntity<QuickSearchResponse> quickSearch(
            @PathVariable String placeId, HttpServletRequest request, HttpServletResponse servletResponse) {
        RateLimitDecision decision = limiter.tryConsume(perClient, clientIp.clientKey(request));
        decision.writeHeaders(servletResponse);
        if (!decision.allowed()) {
            throw decision.rejection();
        }
        QuickSearch.Answer answer = quickSearch.search(placeId);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .header("X-Cache-Status", answer.fromStore() ? "HIT" : "MISS")
                .header("X-Data-Source", answer.fromStore() ? "CACHE" : "MAP_SERVICE")
                .header("X-Data-Age", answer.age().toSeconds() + "s");
        if (answer.stale()) {
            response.header("X-Data-Stale", "true");
        }
        return response.body(new QuickSearchResponse(answer.restaurant()));
    }
}
