package io.tabelogo.gameday;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** A restaurant the experiments can read: a place near Shibuya, opened as a restaurant as a visitor does. */
final class Restaurants {

    private Restaurants() {}

    static String any(Target target) {
        return open(target, places(target, "ramen").getFirst());
    }

    /** The ids of places of {@code dish} near Shibuya (the map's search). */
    static List<String> places(Target target, String dish) {
        String search = """
                {"text_query": "%s", "location_bias": {"rectangle": {"low": {"latitude": 35.64, "longitude": 139.68},
                 "high": {"latitude": 35.68, "longitude": 139.72}}}, "max_result_count": 6}""".formatted(dish);
        HttpResponse<String> places = target.send(target.request("/api/v1/map/advance_search")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(search))
                .build());
        if (places.statusCode() != 200) {
            throw new IllegalStateException("the place search answered " + places.statusCode() + ": " + places.body());
        }
        List<String> ids = new ArrayList<>();
        target.json(places)
                .path("places")
                .forEach(place -> ids.add(place.path("id").asString()));
        if (ids.isEmpty()) {
            throw new IllegalStateException("the place search found no " + dish);
        }
        return ids;
    }

    /** The place opened as a restaurant (quick search): its restaurant's id. */
    static String open(Target target, String placeId) {
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
