package io.tabelogo.gameday;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A restaurant the experiments can read: a place near Shibuya, opened as a restaurant as a visitor does. */
final class Restaurants {

    private Restaurants() {}

    static String any(Target target) {
        String search = """
                {"text_query": "ramen", "location_bias": {"rectangle": {"low": {"latitude": 35.64, "longitude": 139.68},
                 "high": {"latitude": 35.68, "longitude": 139.72}}}, "max_result_count": 1}""";
        HttpResponse<String> places = target.send(target.request("/api/v1/map/advance_search")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(search))
                .build());
        if (places.statusCode() != 200) {
            throw new IllegalStateException("the place search answered " + places.statusCode() + ": " + places.body());
        }
        String placeId = target.json(places).path("places").path(0).path("id").asString();
        HttpResponse<String> restaurant = target.send(target.request("/api/v1/restaurants/quick-search/" + placeId)
                .GET()
                .build());
        if (restaurant.statusCode() != 200) {
            throw new IllegalStateException(
                    "the quick search answered " + restaurant.statusCode() + ": " + restaurant.body());
        }
        return target.json(restaurant).path("restaurant").path("id").asString();
    }
}
