package io.tabelogo.restaurant.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.restaurant.RestaurantServiceIntegrationTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class RestaurantCatalogIntegrationTest extends RestaurantServiceIntegrationTest {

    @Autowired
    ViewCounts views;

    @Test
    void aCreatedRestaurantIsReadBackFromTheDatabaseThenFromRedis() {
        String name = unique("Ichiran");
        JsonNode created = create("""
                {"name": "%s", "name_ja": "一蘭", "source": "google", "external_id": "ChIJ-%s", "area": "Tokyo",
                 "address": "1-22-7 Jinnan, Shibuya", "latitude": 35.661, "longitude": 139.7, "rating": 4.2,
                 "price_range": "$", "cuisine_type": "ramen", "phone": "03-1234-5678",
                 "website": "https://ichiran.com", "opening_hours": {"monday": ["10:00-22:00"]},
                 "metadata": {"types": ["ramen_restaurant"]}}""".formatted(name, UUID.randomUUID()));
        String id = created.get("id").asString();

        HttpResponse<String> first = get("/api/v1/restaurants/" + id);
        HttpResponse<String> second = get("/api/v1/restaurants/" + id);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Cache-Status")).hasValue("MISS");
        assertThat(second.headers().firstValue("X-Cache-Status")).hasValue("L2");
        JsonNode restaurant = json(second).get("restaurant");
        assertThat(restaurant.get("name").asString()).isEqualTo(name);
        assertThat(restaurant.get("name_ja").asString()).isEqualTo("一蘭");
        assertThat(restaurant.get("price_range").asString()).isEqualTo("$");
        assertThat(restaurant.get("rating").asDouble()).isEqualTo(4.2);
        assertThat(restaurant.get("opening_hours").get("monday").get(0).asString())
                .isEqualTo("10:00-22:00");
        assertThat(restaurant.get("metadata").get("types").get(0).asString()).isEqualTo("ramen_restaurant");
        assertThat(restaurant.get("created_at").asString()).isNotBlank();
    }

    @Test
    void anUnknownIdIs404AndAMalformedOneIs400() {
        assertProblem(get("/api/v1/restaurants/" + UUID.randomUUID()), 404, "RESTAURANT_NOT_FOUND");
        for (String bad : List.of("not-a-uuid", "1", "00000000-0000-0000-0000-00000000000g", "%27%20OR%201%3D1")) {
            JsonNode problem = assertProblem(get("/api/v1/restaurants/" + bad), 400, "VALIDATION_FAILED");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("id");
        }
    }

    @Test
    void onlyAdminsCreateAndDelete() {
        String body = "{\"name\": \"%s\", \"source\": \"manual\"}".formatted(unique("Sukiyabashi"));
        assertProblem(post("/api/v1/restaurants", "application/json", body), 401, "AUTH_TOKEN_MISSING");
        assertProblem(post("/api/v1/restaurants", "application/json", body, asUser), 403, "FORBIDDEN");
        String id = createManual(unique("Jiro")).get("id").asString();

        assertProblem(delete("/api/v1/restaurants/" + id, asUser), 403, "FORBIDDEN");
        assertThat(get("/api/v1/restaurants/" + id).statusCode()).isEqualTo(200);
        assertThat(delete("/api/v1/restaurants/" + id, asAdmin).statusCode()).isEqualTo(204);

        assertProblem(get("/api/v1/restaurants/" + id), 404, "RESTAURANT_NOT_FOUND");
        assertProblem(delete("/api/v1/restaurants/" + id, asAdmin), 404, "RESTAURANT_NOT_FOUND");
    }

    @Test
    void aSecondLiveRestaurantWithTheSameSourceAndExternalIdIs409() {
        String body = "{\"name\": \"A\", \"source\": \"tabelog\", \"external_id\": \"tabelog-%s\"}"
                .formatted(UUID.randomUUID());
        String first = create(body).get("id").asString();

        assertProblem(post("/api/v1/restaurants", "application/json", body, asAdmin), 409, "RESTAURANT_DUPLICATE");
        delete("/api/v1/restaurants/" + first, asAdmin);
        assertThat(post("/api/v1/restaurants", "application/json", body, asAdmin)
                        .statusCode())
                .as("a deleted row does not block the place")
                .isEqualTo(201);
    }

    @Test
    void invalidFieldsAre400NamingEachField() {
        HttpResponse<String> response =
                post("/api/v1/restaurants", "application/json", """
                {"name": "  ", "source": "yelp", "latitude": 91, "rating": 5.5, "price_range": "$$$$$",
                 "website": "javascript:alert(1)", "opening_hours": [1, 2], "phone": "%s"}""".formatted("0".repeat(51)), asAdmin);

        JsonNode problem = assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(problem.get("errors").findValuesAsString("field"))
                .contains("name", "source", "latitude", "rating", "price_range", "website", "opening_hours", "phone");
        assertProblem(
                post("/api/v1/restaurants", "application/json", "{\"name\": \"x\", \"rating\": \"high\"}", asAdmin),
                400,
                "MALFORMED_REQUEST");
    }

    @Test
    void aUserMayRenameInJapaneseOnlyAndTheChangeIsSeenAtOnce() {
        String id = createManual(unique("Fuunji")).get("id").asString();
        get("/api/v1/restaurants/" + id); // cached now

        HttpResponse<String> renamed = patch("/api/v1/restaurants/" + id, "{\"name_ja\": \"風雲児\"}", asUser);
        HttpResponse<String> forbidden =
                patch("/api/v1/restaurants/" + id, "{\"name_ja\": \"x\", \"rating\": 1}", asUser);
        HttpResponse<String> unknown = patch("/api/v1/restaurants/" + id, "{\"view_count\": 1000}", asAdmin);
        HttpResponse<String> anonymous = patch("/api/v1/restaurants/" + id, "{\"name_ja\": \"x\"}");

        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(json(renamed).get("restaurant").get("name_ja").asString()).isEqualTo("風雲児");
        assertProblem(forbidden, 403, "FORBIDDEN");
        assertProblem(unknown, 400, "VALIDATION_FAILED");
        assertProblem(anonymous, 401, "AUTH_TOKEN_MISSING");
        JsonNode read = json(get("/api/v1/restaurants/" + id)).get("restaurant");
        assertThat(read.get("name_ja").asString()).isEqualTo("風雲児");
        assertThat(read.get("rating").asDouble()).isEqualTo(4.1);
    }

    @Test
    void anAdminMayChangeAnyFieldAndClearOne() {
        String id = createManual(unique("Afuri")).get("id").asString();

        HttpResponse<String> changed = patch(
                "/api/v1/restaurants/" + id,
                "{\"rating\": 3.9, \"price_range\": null, \"area\": \"Kanagawa\"}",
                asAdmin);

        JsonNode restaurant = json(changed).get("restaurant");
        assertThat(restaurant.get("rating").asDouble()).isEqualTo(3.9);
        assertThat(restaurant.get("price_range").isNull()).isTrue();
        assertThat(restaurant.get("area").asString()).isEqualTo("Kanagawa");
        assertProblem(patch("/api/v1/restaurants/" + id, "{\"rating\": -1}", asAdmin), 400, "VALIDATION_FAILED");
        assertProblem(patch("/api/v1/restaurants/" + id, "[]", asAdmin), 400, "VALIDATION_FAILED");
        assertProblem(
                patch("/api/v1/restaurants/" + UUID.randomUUID(), "{\"area\": \"x\"}", asAdmin),
                404,
                "RESTAURANT_NOT_FOUND");
    }

    @Test
    void searchFiltersSortsAndPages() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        create(restaurant("Menya " + tag + " A", "Osaka", "ramen", 3.5));
        create(restaurant("Menya " + tag + " B", "Osaka", "ramen", 4.5));
        create(restaurant("Sushi " + tag + " C", "Osaka", "sushi", 4.0));
        create(restaurant("Menya " + tag + " D", "Kyoto", "ramen", 4.8));

        JsonNode all = json(get("/api/v1/restaurants?q=" + tag + "&sort=rating"));
        JsonNode osakaRamen = json(get("/api/v1/restaurants?q=" + tag + "&area=osaka&cuisine=RAMEN&sort=name"));
        JsonNode rated = json(get("/api/v1/restaurants?q=" + tag + "&min_rating=4.2"));
        JsonNode secondPage = json(get("/api/v1/restaurants?q=" + tag + "&sort=name&page=1&size=3"));

        assertThat(names(all))
                .containsExactly(
                        "Menya " + tag + " D", "Menya " + tag + " B", "Sushi " + tag + " C", "Menya " + tag + " A");
        assertThat(all.get("total").asLong()).isEqualTo(4);
        assertThat(names(osakaRamen)).containsExactly("Menya " + tag + " A", "Menya " + tag + " B");
        assertThat(names(rated)).containsExactlyInAnyOrder("Menya " + tag + " B", "Menya " + tag + " D");
        assertThat(names(secondPage)).containsExactly("Sushi " + tag + " C");
        assertThat(secondPage.get("page").asInt()).isEqualTo(1);
        assertThat(secondPage.get("size").asInt()).isEqualTo(3);
        assertThat(secondPage.get("total").asLong()).isEqualTo(4);
    }

    @Test
    void nearbySearchKeepsTheRadiusAndSortsByDistance() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        create(at("Near " + tag, 35.6595, 139.7005)); // Shibuya crossing
        create(at("Close " + tag, 35.6620, 139.7040)); // ~430 m away
        create(at("Far " + tag, 35.6812, 139.7671)); // Tokyo station, ~6.4 km

        JsonNode within1km = json(get("/api/v1/restaurants?q=" + tag + "&lat=35.6595&lng=139.7005&radius_m=1000"));
        JsonNode byDistance = json(get("/api/v1/restaurants?q=" + tag + "&lat=35.6812&lng=139.7671&sort=distance"));

        assertThat(names(within1km)).containsExactly("Near " + tag, "Close " + tag);
        assertThat(names(byDistance)).containsExactly("Far " + tag, "Close " + tag, "Near " + tag);
    }

    @Test
    void badSearchParametersAre400NamingEachOne() {
        JsonNode problem = assertProblem(
                get("/api/v1/restaurants?size=101&page=-1&sort=price;DROP&min_rating=abc&radius_m=10"),
                400,
                "VALIDATION_FAILED");
        assertThat(problem.get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("size", "page", "sort", "min_rating", "radius_m");
        assertProblem(get("/api/v1/restaurants?sort=distance"), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/v1/restaurants?lat=35&lng=200"), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/v1/restaurants?q=" + "x".repeat(101)), 400, "VALIDATION_FAILED");
        assertThat(get("/api/v1/restaurants?size=100").statusCode()).isEqualTo(200);
    }

    @Test
    void injectionStringsAreSearchedAsTextAndTheTableStaysIntact() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String evil = tag + "'; DROP TABLE restaurants; --";
        create(restaurant(evil, "Tokyo", "ramen", 4.0));
        create(restaurant(tag + " 100% ramen_bar", "Tokyo", "ramen", 4.0));
        long before =
                jdbc.sql("SELECT count(*) FROM restaurants").query(Long.class).single();

        JsonNode byName = json(get("/api/v1/restaurants?q=" + encode(evil)));
        JsonNode orTrue = json(get("/api/v1/restaurants?q=" + encode(tag + "' OR '1'='1")));
        JsonNode inArea = json(get("/api/v1/restaurants?q=" + tag + "&area=" + encode("' OR 1=1 --")));
        JsonNode inCuisine = json(get("/api/v1/restaurants?q=" + tag + "&cuisine=" + encode("ramen') OR ('a'='a")));
        JsonNode percent = json(get("/api/v1/restaurants?q=" + encode(tag + " 100%")));
        JsonNode wildcard = json(get("/api/v1/restaurants?q=" + encode(tag + "%_")));

        assertThat(names(byName)).containsExactly(evil);
        assertThat(orTrue.get("total").asLong()).isZero();
        assertThat(inArea.get("total").asLong()).isZero();
        assertThat(inCuisine.get("total").asLong()).isZero();
        assertThat(names(percent)).containsExactly(tag + " 100% ramen_bar");
        assertThat(wildcard.get("total").asLong()).as("%% and _ are literal").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM restaurants")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void viewsAreCountedInMemoryAndWrittenInOneBatch() {
        String id = createManual(unique("Tsuta")).get("id").asString();
        views.flush(); // whatever other tests left

        for (int i = 0; i < 3; i++) { // three viewers
            get(
                    "/api/v1/restaurants/" + id,
                    bearer(TOKENS.accessToken(UUID.randomUUID().toString())));
        }
        long beforeFlush = viewCount(id);
        views.flush();

        assertThat(beforeFlush).as("no write per read").isZero();
        assertThat(viewCount(id)).isEqualTo(3);
    }

    @Test
    void aViewerReloadingAPageCountsOnce() {
        String id = createManual(unique("Reloaded")).get("id").asString();
        views.flush();

        for (int i = 0; i < 50; i++) {
            assertThat(get("/api/v1/restaurants/" + id).statusCode()).isEqualTo(200); // one anonymous address
        }
        String[] user = bearer(TOKENS.accessToken(UUID.randomUUID().toString()));
        get("/api/v1/restaurants/" + id, user);
        get("/api/v1/restaurants/" + id, user);
        views.flush();

        assertThat(viewCount(id)).isEqualTo(2);
    }

    @Test
    void aReadCarriesAnETagAndTheSameETagGets304WhichStillCountsAsAView() {
        String id = createManual(unique("Revalidated")).get("id").asString();
        String path = "/api/v1/restaurants/" + id;
        views.flush();

        HttpResponse<String> first = get(path);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("max-age=60, public");

        String viewer = "Bearer " + TOKENS.accessToken(UUID.randomUUID().toString());
        HttpResponse<String> revalidated = get(path, "If-None-Match", etag, "Authorization", viewer);
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(revalidated.headers().firstValue("ETag")).hasValue(etag);
        assertThat(revalidated.headers().firstValue("Cache-Control")).hasValue("max-age=60, public");
        // If-None-Match as clients send it: a list, weak forms.
        assertThat(get(path, "If-None-Match", "W/\"other\", W/" + etag).statusCode())
                .isEqualTo(304);
        assertThat(get(path, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
        views.flush();
        assertThat(viewCount(id))
                .as("the anonymous reader and the one who revalidated")
                .isEqualTo(2);

        // Changed: a new ETag, and the old one gets the whole new answer.
        String[] user = bearer(TOKENS.accessToken(UUID.randomUUID().toString()));
        assertThat(patch(path, "{\"name_ja\": \"再検証\"}", user).statusCode()).isEqualTo(200);
        HttpResponse<String> changed = get(path, "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(json(changed).get("restaurant").get("name_ja").asString()).isEqualTo("再検証");
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
    }

    private long viewCount(String id) {
        return jdbc.sql("SELECT view_count FROM restaurants WHERE id = ?::uuid")
                .param(id)
                .query(Long.class)
                .single();
    }

    private static String restaurant(String name, String area, String cuisine, double rating) {
        return """
                {"name": %s, "source": "manual", "area": "%s", "cuisine_type": "%s", "rating": %s}""".formatted(JSON.writeValueAsString(name), area, cuisine, rating);
    }

    private static String at(String name, double latitude, double longitude) {
        return """
                {"name": "%s", "source": "manual", "latitude": %s, "longitude": %s}""".formatted(name, latitude, longitude);
    }

    private static List<String> names(JsonNode page) {
        return page.get("restaurants").findValuesAsString("name");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
