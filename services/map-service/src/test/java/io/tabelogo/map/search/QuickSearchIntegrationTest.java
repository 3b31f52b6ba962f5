package io.tabelogo.map.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.map.MapServiceIntegrationTest;
import io.tabelogo.platform.security.RevokedSessions;
import io.tabelogo.platformtest.TestRedis;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class QuickSearchIntegrationTest extends MapServiceIntegrationTest {

    @Test
    void aMissAsksTheProviderAndTheNextRequestIsServedFromTheCache() {
        String id = someOfflinePlaceId("tonkatsu");
        forgetCached(id);
        double callsBefore = providerCalls();

        JsonNode first = json(quickSearch(quickSearchBody(id)));
        HttpResponse<String> second = quickSearch(quickSearchBody(id));

        assertThat(first.path("source").asString()).isEqualTo("offline");
        assertThat(first.has("cached_at")).isFalse();
        assertThat(first.path("result").path("id").asString()).isEqualTo(id);
        assertThat(first.path("result").has("priceLevel")
                        || first.path("result").has("displayName"))
                .isTrue();
        assertThat(second.statusCode()).isEqualTo(200);
        JsonNode cached = json(second);
        assertThat(cached.path("source").asString()).isEqualTo("cache");
        assertThat(Instant.parse(cached.path("cached_at").asString()))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(cached.has("stale")).isFalse();
        assertThat(cached.path("result")).isEqualTo(first.path("result"));
        assertThat(providerCalls() - callsBefore).isEqualTo(1);
        assertThat(redis.getExpire("map:place:" + id + ":en:default"))
                .isGreaterThan(Duration.ofHours(23).toSeconds());
    }

    @Test
    void anExpiredEntryIsRefetched() {
        String id = someOfflinePlaceId("soba");
        forgetCached(id);
        quickSearch(quickSearchBody(id));

        clock.advance(Duration.ofMinutes(67)); // past 1 h + 10 % jitter

        assertThat(json(quickSearch(quickSearchBody(id))).path("source").asString())
                .isEqualTo("offline");
    }

    @Test
    void whenTheProviderFailsAStaleCopyIsServedAndSaidToBeStale() {
        String id = someOfflinePlaceId("tempura");
        forgetCached(id);
        JsonNode fresh = json(quickSearch(quickSearchBody(id)));
        double staleBefore = metricSum("map_stale_served_total");

        clock.advance(Duration.ofHours(3));
        faults.set(0, 0, 1.0);
        HttpResponse<String> response = quickSearch(quickSearchBody(id));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode stale = json(response);
        assertThat(stale.path("source").asString()).isEqualTo("cache");
        assertThat(stale.path("stale").asBoolean()).isTrue();
        assertThat(stale.path("result")).isEqualTo(fresh.path("result"));
        assertThat(metricSum("map_stale_served_total") - staleBefore).isEqualTo(1);
    }

    @Test
    void whenTheProviderFailsAndNothingIsCachedTheAnswerIs503WithRetryAfter() {
        String id = someOfflinePlaceId("kaiseki");
        forgetCached(id);
        faults.set(0, 0, 1.0);

        HttpResponse<String> response = quickSearch(quickSearchBody(id));

        assertProblem(response, 503, "MAP_PROVIDER_UNAVAILABLE");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.body()).doesNotContain("injected failure"); // no internals in the answer
    }

    @Test
    void anUnknownPlaceIs404AndIsRememberedSoTheProviderIsNotAskedAgain() {
        String unknown = "ChIJunknown" + System.nanoTime();
        double callsBefore = providerCalls();

        assertProblem(quickSearch(quickSearchBody(unknown)), 404, "PLACE_NOT_FOUND");
        assertProblem(quickSearch(quickSearchBody(unknown)), 404, "PLACE_NOT_FOUND");

        assertThat(providerCalls() - callsBefore).isEqualTo(1);
    }

    @Test
    void theMaskDecidesTheFieldsAndMasksOfTheDefaultFieldsShareThePlacesOneCachedCopy() {
        String id = someOfflinePlaceId("yakiniku");
        forgetCached(id);
        double callsBefore = providerCalls();

        JsonNode masked = json(quickSearch("{\"place_id\": \"" + id + "\", \"api_mask\": \"id,priceLevel,rating\"}"));
        JsonNode full = json(quickSearch(quickSearchBody(id)));
        // Spellings and subsets of the default fields: no new cache entries, no new provider calls.
        for (String mask : List.of("rating,id", "places.rating , id", "displayName.text", "types,photos,id")) {
            JsonNode variant = json(quickSearch("{\"place_id\": \"" + id + "\", \"api_mask\": \"" + mask + "\"}"));
            assertThat(variant.path("source").asString()).as(mask).isEqualTo("cache");
        }

        assertThat(masked.path("result").propertyNames()).isSubsetOf("id", "priceLevel", "rating");
        assertThat(masked.path("source").asString()).isEqualTo("offline");
        assertThat(full.path("source").asString()).isEqualTo("cache");
        assertThat(full.path("result").has("addressComponents")).isTrue();
        assertThat(providerCalls() - callsBefore).isEqualTo(1);
    }

    @Test
    void anonymousCallersMayAskForTheDefaultFieldsOnlyAndEveryFieldIsForAdministrators() {
        String id = someOfflinePlaceId("soba");
        String reviews = "{\"place_id\": \"" + id + "\", \"api_mask\": \"id,reviews\"}";
        String everything = "{\"place_id\": \"" + id + "\", \"api_mask\": \"*\"}";
        String[] user = {"Authorization", "Bearer " + TOKENS.accessToken("mask-user")};
        String[] admin = {"Authorization", "Bearer " + TOKENS.adminAccessToken("mask-admin")};

        assertThat(assertProblem(quickSearch(reviews), 400, "VALIDATION_FAILED")
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("api_mask");
        assertProblem(quickSearch(everything), 400, "VALIDATION_FAILED");
        assertProblem(quickSearch(everything, user), 400, "VALIDATION_FAILED");
        assertProblem(
                quickSearch("{\"place_id\": \"" + id + "\", \"api_mask\": \"id,madeUpField\"}", user),
                400,
                "VALIDATION_FAILED");
        assertThat(quickSearch(reviews, user).statusCode()).isEqualTo(200);
        assertThat(quickSearch(everything, admin).statusCode()).isEqualTo(200);
    }

    @Test
    void concurrentMissesOfOneHotPlaceMakeOneProviderCall() {
        String id = someOfflinePlaceId("okonomiyaki");
        forgetCached(id);
        faults.set(300, 300, 0);
        double callsBefore = providerCalls();

        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) {
                responses.add(clients.submit(() -> quickSearch(quickSearchBody(id))));
            }
        }

        assertThat(responses)
                .allSatisfy(r -> assertThat(r.resultNow().statusCode()).isEqualTo(200));
        assertThat(providerCalls() - callsBefore).isEqualTo(1);
    }

    private double providerCalls() {
        return metricSum("map_google_api_calls_total");
    }

    @Autowired
    TestRedis testRedis;

    /** Called directly, not through the gateway, a logged-out token is refused here too. */
    @Test
    void aTokenOfAnEndedSessionIsRefusedByTheServiceItself() {
        String session = UUID.randomUUID().toString();
        String[] token = {"Authorization", "Bearer " + TOKENS.accessTokenOfSession("logged-out", session)};
        String body = quickSearchBody(someOfflinePlaceId("udon"));
        assertThat(quickSearch(body, token).statusCode()).isEqualTo(200);

        testRedis.database(5).opsForValue().set(RevokedSessions.PREFIX + session, "1", Duration.ofMinutes(15));

        assertProblem(quickSearch(body, token), 401, "AUTH_SESSION_REVOKED");
    }
}
