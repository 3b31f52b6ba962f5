package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Public reads through the edge as a browser or a CDN sees them: one {@code ETag} and one public
 * {@code Cache-Control}, a 304 for a matching {@code If-None-Match}; personal reads never cacheable.
 */
class HttpCachingEndToEndTest extends ThroughTheGateway {

    @Test
    void publicReadsRevalidateThroughTheGatewayAndPersonalOnesAreNeverKept() {
        HttpResponse<String> places = post("/api/v1/map/advance_search", "application/json", """
                {"text_query": "soba", "location_bias": {"rectangle": {"low": {"latitude": 35.60, "longitude": 139.60},
                 "high": {"latitude": 35.75, "longitude": 139.85}}}, "max_result_count": 1}""");
        assertThat(places.statusCode()).as(places.body()).isEqualTo(200);
        String quickSearch = "/api/v1/restaurants/quick-search/"
                + json(places).get("places").get(0).get("id").asString();
        HttpResponse<String> found = get(quickSearch);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        String restaurant =
                "/api/v1/restaurants/" + json(found).get("restaurant").get("id").asString();

        for (String path : new String[] {restaurant, quickSearch}) {
            HttpResponse<String> first = get(path);
            assertThat(first.headers().allValues("ETag")).as(path).hasSize(1);
            assertThat(first.headers().allValues("Cache-Control")).as(path).containsExactly("max-age=60, public");
            String etag = first.headers().firstValue("ETag").orElseThrow();

            HttpResponse<String> revalidated = get(path, "If-None-Match", etag);
            assertThat(revalidated.statusCode()).as(path).isEqualTo(304);
            assertThat(revalidated.body()).isEmpty();
            assertThat(revalidated.headers().allValues("ETag")).containsExactly(etag);
        }

        HttpResponse<String> favorites = get("/api/v1/me/favorites", bearer(newUserToken()));
        assertThat(favorites.statusCode()).isEqualTo(200);
        assertThat(favorites.headers().allValues("Cache-Control"))
                .singleElement()
                .asString()
                .contains("no-store");
        assertThat(favorites.headers().firstValue("ETag")).isEmpty();
    }
}
