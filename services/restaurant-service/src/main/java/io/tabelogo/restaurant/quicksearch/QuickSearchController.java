package io.tabelogo.restaurant.quicksearch;

import io.tabelogo.restaurant.catalog.Restaurant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class QuickSearchController {

    private final QuickSearch quickSearch;

    QuickSearchController(QuickSearch quickSearch) {
        this.quickSearch = quickSearch;
    }

    record QuickSearchResponse(Restaurant restaurant) {}

    /** Headers say where the answer came from and how old it is (SPEC §3). */
    @GetMapping("/api/v1/restaurants/quick-search/{placeId}")
    ResponseEntity<QuickSearchResponse> quickSearch(@PathVariable String placeId) {
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
