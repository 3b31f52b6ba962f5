package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A visitor's whole visit, through the gateway only: an account, a place search, the place as a restaurant, a
 * favourite, a Tabelog scrape followed live over SSE, the rating on the restaurant (the event consumed), and the
 * session ended — after which the old token is refused at the edge. One trace id spans the services it crosses.
 */
class UserJourneyEndToEndTest extends ThroughTheGateway {

    @Test
    void fromRegistrationToTheTabelogRatingAndLogout() throws Exception {
        String token = newUserToken();
        String traceId = UUID.randomUUID().toString().replace("-", "");

        // Places around Shibuya (map-service, offline dataset).
        HttpResponse<String> places = post("/api/v1/map/advance_search", "application/json", """
                {"text_query": "ramen", "location_bias": {"rectangle": {"low": {"latitude": 35.64, "longitude": 139.68},
                 "high": {"latitude": 35.68, "longitude": 139.72}}}, "max_result_count": 5}""");
        assertThat(places.statusCode()).as(places.body()).isEqualTo(200);
        JsonNode place = json(places).get("places").get(0);
        String placeId = place.get("id").asString();
        String placeName = place.get("displayName").get("text").asString();

        // The place as a restaurant (restaurant-service → map-service over gRPC), traced from here.
        HttpResponse<String> quick = get(
                "/api/v1/restaurants/quick-search/" + placeId, "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
        assertThat(quick.statusCode()).as(quick.body()).isEqualTo(200);
        String restaurantId = json(quick).get("restaurant").get("id").asString();

        // A favourite: added, listed, removed.
        assertThat(put("/api/v1/me/favorites/" + restaurantId, "{\"notes\": \"tsukemen\"}", bearer(token))
                        .statusCode())
                .isEqualTo(201);
        assertThat(json(get("/api/v1/me/favorites", bearer(token))).get("favorites"))
                .extracting(f -> f.get("restaurant_id").asString())
                .containsExactly(restaurantId);
        assertThat(delete("/api/v1/me/favorites/" + restaurantId, bearer(token)).statusCode())
                .isEqualTo(204);
        assertThat(json(get("/api/v1/me/favorites", bearer(token))).get("favorites"))
                .isEmpty();

        // A Tabelog scrape (spider-service, its offline Tabelog), followed over SSE through the gateway.
        HttpResponse<String> accepted =
                post("/api/v1/spider/scrape", "application/json", """
                {"google_id": "%s", "place_name": "%s", "area": "Shibuya", "max_results": 3}""".formatted(placeId, placeName), bearer(token));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String jobId = json(accepted).get("job_id").asString();
        HttpResponse<Stream<String>> stream = followJob(jobId, token);
        List<String> events = new ArrayList<>();
        stream.body().filter(line -> line.startsWith("event:")).forEach(events::add); // ends when the job has
        assertThat(events).contains("event:update").endsWith("event:done");

        // The spider's event reached restaurant-service: the restaurant shows its Tabelog rating.
        JsonNode tabelog = await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/v1/restaurants/" + restaurantId + "/tabelog"), r -> r.statusCode() == 200)
                .body()
                .transform(JSON::readTree);
        assertThat(tabelog.get("tabelog").get("rating").asDouble()).isBetween(3.0, 4.5);
        assertThat(tabelog.get("tabelog").get("url").asString()).contains("/offline-tabelog/");

        // Logout: the same access token is refused at the gateway from now on.
        assertThat(post("/api/v1/auth/logout", "application/json", "", bearer(token))
                        .statusCode())
                .isEqualTo(204);
        assertProblem(get("/api/v1/me/favorites", bearer(token)), 401, "AUTH_SESSION_REVOKED");

        // One trace: gateway → restaurant-service → map-service (TracesAndLogsEndToEndTest looks closer).
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(PLATFORM.traces.trace(traceId))
                        .extracting(OtlpReceiver.ExportedSpan::service)
                        .contains("gateway", "restaurant-service", "map-service"));
    }
}
