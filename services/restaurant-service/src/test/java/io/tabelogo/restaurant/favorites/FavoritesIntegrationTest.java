package io.tabelogo.restaurant.favorites;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platform.security.RevokedSessions;
import io.tabelogo.platformtest.TestRedis;
import io.tabelogo.restaurant.RestaurantServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class FavoritesIntegrationTest extends RestaurantServiceIntegrationTest {

    @Test
    void savingIsIdempotent201ThenOkAndAbsentFieldsKeepTheirValues() {
        String restaurant = createManual(unique("Nakiryu")).get("id").asString();

        HttpResponse<String> added = put(
                "/api/v1/me/favorites/" + restaurant,
                "{\"notes\": \" tantanmen! \", \"tags\": [\"ramen\", \"michelin\", \"ramen\"]}",
                asUser);
        HttpResponse<String> notesOnly = put("/api/v1/me/favorites/" + restaurant, "{\"notes\": \"go early\"}", asUser);
        HttpResponse<String> cleared =
                put("/api/v1/me/favorites/" + restaurant, "{\"notes\": \"\", \"tags\": []}", asUser);

        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        JsonNode favorite = json(added).get("favorite");
        assertThat(favorite.get("notes").asString()).isEqualTo("tantanmen!");
        assertThat(List.of(
                        favorite.get("tags").get(0).asString(),
                        favorite.get("tags").get(1).asString()))
                .containsExactly("ramen", "michelin");
        assertThat(favorite.get("tags").size()).isEqualTo(2);
        assertThat(favorite.get("restaurant").get("id").asString()).isEqualTo(restaurant);
        assertThat(notesOnly.statusCode()).isEqualTo(200);
        assertThat(json(notesOnly).get("favorite").get("notes").asString()).isEqualTo("go early");
        assertThat(json(notesOnly).get("favorite").get("tags").size()).isEqualTo(2);
        assertThat(json(cleared).get("favorite").get("notes").isNull()).isTrue();
        assertThat(json(cleared).get("favorite").get("tags").size()).isZero();
        assertThat(rows(restaurant)).isEqualTo(1);
    }

    @Test
    void concurrentFirstSavesLeaveOneFavorite() throws Exception {
        String restaurant = createManual(unique("Kagari")).get("id").asString();
        CyclicBarrier start = new CyclicBarrier(8);
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                statuses.add(threads.submit(() -> {
                    start.await();
                    return put("/api/v1/me/favorites/" + restaurant, "{}", asUser)
                            .statusCode();
                }));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                codes.add(status.get());
            }
            assertThat(codes).containsOnly(200, 201).containsOnlyOnce(201);
        }
        assertThat(rows(restaurant)).isEqualTo(1);
    }

    @Test
    void badInputIs400AndLeavesTheStoredFavoriteAsItWas() {
        String restaurant = createManual(unique("Tomita")).get("id").asString();
        put("/api/v1/me/favorites/" + restaurant, "{\"notes\": \"keep me\", \"tags\": [\"tsukemen\"]}", asUser);

        assertProblem(
                put("/api/v1/me/favorites/" + restaurant, "{\"notes\": \"%s\"}".formatted("n".repeat(2001)), asUser),
                400,
                "VALIDATION_FAILED");
        assertProblem(
                put(
                        "/api/v1/me/favorites/" + restaurant,
                        "{\"tags\": [%s]}".formatted("\"t\",".repeat(20) + "\"u\""),
                        asUser),
                400,
                "VALIDATION_FAILED");
        JsonNode longTag = assertProblem(
                put(
                        "/api/v1/me/favorites/" + restaurant,
                        "{\"tags\": [\"ok\", \"%s\"]}".formatted("x".repeat(51)),
                        asUser),
                400,
                "VALIDATION_FAILED");
        assertProblem(
                put("/api/v1/me/favorites/" + restaurant, "{\"tags\": \"ramen\"}", asUser), 400, "MALFORMED_REQUEST");
        assertProblem(put("/api/v1/me/favorites/not-a-uuid", "{}", asUser), 400, "VALIDATION_FAILED");
        assertProblem(put("/api/v1/me/favorites/" + UUID.randomUUID(), "{}", asUser), 404, "RESTAURANT_NOT_FOUND");

        assertThat(longTag.get("errors").get(0).get("field").asString()).isEqualTo("tags[1]");
        JsonNode stored =
                json(get("/api/v1/me/favorites", asUser)).get("favorites").get(0);
        assertThat(stored.get("notes").asString()).isEqualTo("keep me");
        assertThat(stored.get("tags").get(0).asString()).isEqualTo("tsukemen");
    }

    @Test
    void removingAndVisitingNeedAFavorite() {
        String restaurant = createManual(unique("Rokurinsha")).get("id").asString();
        assertProblem(
                post("/api/v1/me/favorites/" + restaurant + "/visits", "application/json", "", asUser),
                404,
                "FAVORITE_NOT_FOUND");
        put("/api/v1/me/favorites/" + restaurant, "{}", asUser);

        post("/api/v1/me/favorites/" + restaurant + "/visits", "application/json", "", asUser);
        HttpResponse<String> second =
                post("/api/v1/me/favorites/" + restaurant + "/visits", "application/json", "", asUser);
        HttpResponse<String> removed = delete("/api/v1/me/favorites/" + restaurant, asUser);

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second).get("favorite").get("visit_count").asInt()).isEqualTo(2);
        assertThat(json(second).get("favorite").get("last_visited_at").asString())
                .isNotBlank();
        assertThat(removed.statusCode()).isEqualTo(204);
        assertProblem(delete("/api/v1/me/favorites/" + restaurant, asUser), 404, "FAVORITE_NOT_FOUND");
        assertThat(json(get("/api/v1/me/favorites", asUser)).get("total").asLong())
                .isZero();
    }

    @Test
    void theListIsTheCallersOwnNewestFirstWithRestaurantSummaries() {
        String older = createManual(unique("Older")).get("id").asString();
        String newer = createManual(unique("Newer")).get("id").asString();
        put("/api/v1/me/favorites/" + older, "{}", asUser);
        put("/api/v1/me/favorites/" + newer, "{}", asUser);
        String[] someoneElse = bearer(TOKENS.accessToken(UUID.randomUUID().toString()));
        put("/api/v1/me/favorites/" + older, "{}", someoneElse);

        HttpResponse<String> list = get("/api/v1/me/favorites", asUser);
        JsonNode mine = json(list);
        JsonNode firstPage = json(get("/api/v1/me/favorites?size=1", asUser));

        assertThat(mine.get("total").asLong()).isEqualTo(2);
        assertThat(mine.get("favorites").get(0).get("restaurant_id").asString()).isEqualTo(newer);
        assertThat(mine.get("favorites").get(1).get("restaurant_id").asString()).isEqualTo(older);
        JsonNode summary = mine.get("favorites").get(0).get("restaurant");
        assertThat(summary.get("name").asString()).startsWith("Newer");
        assertThat(summary.get("cuisine_type").asString()).isEqualTo("ramen");
        assertThat(summary.get("price_range").asString()).isEqualTo("$$");
        assertThat(firstPage.get("favorites").size()).isEqualTo(1);
        // Personal: no cache may keep it, and it has no validator to share.
        assertThat(list.headers().firstValue("Cache-Control").orElseThrow())
                .contains("no-store")
                .doesNotContain("public");
        assertThat(list.headers().firstValue("ETag")).isEmpty();
        assertProblem(get("/api/v1/me/favorites?size=0", asUser), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/v1/me/favorites"), 401, "AUTH_TOKEN_MISSING");
    }

    @Test
    void someoneElsesListIsForThemOrAnAdminOnly() {
        String restaurant = createManual(unique("Shared")).get("id").asString();
        put("/api/v1/me/favorites/" + restaurant, "{}", asUser);
        String[] stranger = bearer(TOKENS.accessToken(UUID.randomUUID().toString()));

        assertThat(get("/api/v1/users/" + userId + "/favorites", asUser).statusCode())
                .isEqualTo(200);
        assertThat(json(get("/api/v1/users/" + userId + "/favorites", asAdmin))
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertProblem(get("/api/v1/users/" + userId + "/favorites", stranger), 403, "FORBIDDEN");
        assertProblem(get("/api/v1/users/nobody/favorites", asAdmin), 400, "VALIDATION_FAILED");
    }

    private long rows(String restaurantId) {
        return jdbc.sql(
                        "SELECT count(*) FROM favorites WHERE user_id = ? AND restaurant_id = ?::uuid AND deleted_at IS NULL")
                .params(userId, restaurantId)
                .query(Long.class)
                .single();
    }

    @Autowired
    TestRedis testRedis;

    /** Called directly, not through the gateway, a logged-out token is refused here too. */
    @Test
    void aTokenOfAnEndedSessionIsRefusedByTheServiceItself() {
        String session = UUID.randomUUID().toString();
        String[] token = {
            "Authorization",
            "Bearer " + TOKENS.accessTokenOfSession(UUID.randomUUID().toString(), session)
        };
        assertThat(get("/api/v1/me/favorites", token).statusCode()).isEqualTo(200);

        testRedis.database(5).opsForValue().set(RevokedSessions.PREFIX + session, "1", Duration.ofMinutes(15));

        assertProblem(get("/api/v1/me/favorites", token), 401, "AUTH_SESSION_REVOKED");
    }
}
