package io.tabelogo.restaurant.catalog;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tabelogo.platform.security.Roles;
import io.tabelogo.platform.web.ClientIpResolver;
import io.tabelogo.platform.web.PublicReads;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/restaurants")
class RestaurantController {

    private final RestaurantCatalog catalog;
    private final ClientIpResolver clientIp;
    private final PublicReads publicReads;

    RestaurantController(RestaurantCatalog catalog, ClientIpResolver clientIp, PublicReads publicReads) {
        this.catalog = catalog;
        this.clientIp = clientIp;
        this.publicReads = publicReads;
    }

    record RestaurantResponse(Restaurant restaurant) {}

    /** The cached JSON text of a restaurant, sent as it is. */
    record CachedRestaurantResponse(
            @Schema(implementation = Restaurant.class) @JsonRawValue
            String restaurant) {}

    record SearchResponse(List<Restaurant> restaurants, int page, int size, long total) {}

    /** Public and cacheable: an ETag (a matching If-None-Match gets a 304, still counted as a view), Cache-Control. */
    @GetMapping("/{id}")
    ResponseEntity<CachedRestaurantResponse> get(@PathVariable String id, HttpServletRequest request) {
        RestaurantCache.Lookup found = catalog.view(RestaurantRules.id("id", id), clientIp.clientKey(request));
        return publicReads
                .fresh(found.etag())
                .header("X-Cache-Status", found.level().name())
                .body(new CachedRestaurantResponse(found.json()));
    }

    @GetMapping
    SearchResponse search(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String area,
            @RequestParam(required = false) String cuisine,
            @RequestParam(name = "min_rating", required = false) String minRating,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String lat,
            @RequestParam(required = false) String lng,
            @RequestParam(name = "radius_m", required = false) String radiusMeters,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        Page<Restaurant> found = catalog.search(
                RestaurantQuery.parse(q, area, cuisine, minRating, sort, lat, lng, radiusMeters, page, size));
        return new SearchResponse(found.items(), found.page(), found.size(), found.total());
    }

    @PostMapping
    ResponseEntity<RestaurantResponse> create(@RequestBody RestaurantFields fields) {
        Restaurant created = catalog.create(fields);
        return ResponseEntity.created(URI.create("/api/v1/restaurants/" + created.id()))
                .body(new RestaurantResponse(created));
    }

    @PatchMapping("/{id}")
    RestaurantResponse update(
            @PathVariable String id, @RequestBody JsonNode patch, @AuthenticationPrincipal Jwt token) {
        return new RestaurantResponse(catalog.update(RestaurantRules.id("id", id), patch, Roles.isAdmin(token)));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        catalog.delete(RestaurantRules.id("id", id));
    }
}
