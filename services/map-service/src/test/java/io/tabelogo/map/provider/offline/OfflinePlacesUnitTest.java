package io.tabelogo.map.provider.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tabelogo.map.provider.FieldMask;
import io.tabelogo.map.provider.LatLng;
import io.tabelogo.map.provider.ProviderFailure;
import io.tabelogo.map.provider.RankPreference;
import io.tabelogo.map.provider.Rectangle;
import io.tabelogo.map.provider.TextQuery;
import io.tabelogo.platform.error.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The offline provider's search over the real bundled dataset, at a fixed time (Wednesday noon in Japan). */
class OfflinePlacesUnitTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Clock WEDNESDAY_NOON_JST = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneOffset.UTC);
    private static final Rectangle SHIBUYA = rectangle(35.6545, 139.6945, 35.6645, 139.7065);
    private static final Rectangle TOKYO = rectangle(35.60, 139.60, 35.75, 139.85);

    private final OfflineFaults faults = new OfflineFaults(0, 0, 0);
    private final OfflinePlaces places = OfflinePlaces.load(
            new ClassPathResource("offline/places.json"), JSON, faults, Duration.ofMillis(300), WEDNESDAY_NOON_JST);

    @Test
    void relevanceFindsPlacesMatchingEveryWordInsideTheRectangle() {
        List<ObjectNode> found = places.textSearch(query("ramen near Shibuya", SHIBUYA, 20, RankPreference.RELEVANCE));

        assertThat(found).isNotEmpty().allSatisfy(place -> {
            assertThat(inside(place, SHIBUYA)).isTrue();
            assertThat(place.toString().toLowerCase(Locale.ROOT)).contains("ramen", "shibuya");
        });
        // Names that say "ramen" outrank places that only serve it.
        JsonNode first = found.getFirst();
        assertThat((first.path("displayName").path("text").asString()
                                + first.path("types").toString())
                        .toLowerCase(Locale.ROOT))
                .contains("ramen");
    }

    @Test
    void distanceRanksByDistanceFromTheRectanglesCentre() {
        List<ObjectNode> found = places.textSearch(query("sushi", TOKYO, 20, RankPreference.DISTANCE));

        LatLng centre = TOKYO.center();
        List<Double> distances = found.stream()
                .map(p -> Math.hypot(
                        p.path("location").path("latitude").asDouble() - centre.latitude(),
                        (p.path("location").path("longitude").asDouble() - centre.longitude())
                                * Math.cos(Math.toRadians(centre.latitude()))))
                .toList();
        assertThat(distances).hasSize(20).isSorted();
    }

    @Test
    void minRatingAndOpenNowApplyBeforeTheLimit() {
        TextQuery all = new TextQuery("ramen", TOKYO, 20, 3.9, true, RankPreference.RELEVANCE, "en", FieldMask.DEFAULT);
        TextQuery firstFive =
                new TextQuery("ramen", TOKYO, 5, 3.9, true, RankPreference.RELEVANCE, "en", FieldMask.DEFAULT);

        List<ObjectNode> qualifying = places.textSearch(all);
        List<ObjectNode> limited = places.textSearch(firstFive);

        assertThat(qualifying.size())
                .as("enough ramen shops open at noon rated 3.9+")
                .isGreaterThan(5);
        assertThat(limited).hasSize(5).allSatisfy(place -> {
            assertThat(place.path("rating").asDouble()).isGreaterThanOrEqualTo(3.9);
            assertThat(place.path("currentOpeningHours").path("openNow").asBoolean())
                    .isTrue();
        });
    }

    @Test
    void zeroCoordinatesAndTheAntimeridianAreValidRectangles() {
        assertThat(places.textSearch(query("ramen", rectangle(-1, -1, 1, 1), 10, RankPreference.RELEVANCE)))
                .isEmpty();
        Rectangle acrossTheDateLine = rectangle(-10, 170, 10, -170);
        assertThat(acrossTheDateLine.contains(0, 175)).isTrue();
        assertThat(acrossTheDateLine.contains(0, -175)).isTrue();
        assertThat(acrossTheDateLine.contains(0, 0)).isFalse();
        assertThat(acrossTheDateLine.center().longitude()).isEqualTo(180.0);
    }

    @Test
    void detailsAddOpenNowAndApplyTheMask() {
        String id = places.textSearch(query("ramen", SHIBUYA, 1, RankPreference.RELEVANCE))
                .getFirst()
                .path("id")
                .asString();

        ObjectNode full = places.details(id, "en", FieldMask.DEFAULT);
        ObjectNode masked = places.details(id, "ja", FieldMask.parse("id,priceLevel"));

        assertThat(full.path("currentOpeningHours").path("openNow").isBoolean()).isTrue();
        assertThat(full.path("regularOpeningHours").path("openNow"))
                .isEqualTo(full.path("currentOpeningHours").path("openNow"));
        assertThat(masked.propertyNames()).isSubsetOf("id", "priceLevel").contains("id");
        assertThatThrownBy(() -> places.details("ChIJnot-a-real-place", "en", FieldMask.DEFAULT))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("PLACE_NOT_FOUND"));
    }

    @Test
    void hoursPastMidnightOnSaturdayWrapIntoSunday() {
        ObjectNode bar = (ObjectNode) JSON.readTree("""
                {"id": "bar", "location": {"latitude": 35.0, "longitude": 139.0},
                 "regularOpeningHours": {"periods": [
                   {"open": {"day": 6, "hour": 18, "minute": 0}, "close": {"day": 0, "hour": 2, "minute": 0}}]}}
                """);
        OfflinePlaces.Entry entry = OfflinePlaces.Entry.of(bar);

        assertThat(entry.isOpenAt(6 * 1440 + 23 * 60)).as("Saturday 23:00").isTrue();
        assertThat(entry.isOpenAt(60)).as("Sunday 01:00").isTrue();
        assertThat(entry.isOpenAt(3 * 60)).as("Sunday 03:00").isFalse();
        assertThat(entry.isOpenAt(6 * 1440 + 17 * 60)).as("Saturday 17:00").isFalse();
    }

    @Test
    void injectedErrorsAndLatencyBehaveLikeAFailingRemoteProvider() {
        faults.set(0, 0, 1.0);
        assertThatThrownBy(() -> places.details("x", "en", FieldMask.DEFAULT))
                .isInstanceOfSatisfying(ProviderFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo("http_503");
                    assertThat(f.retryable()).isTrue();
                });

        faults.set(400, 500, 0);
        long started = System.nanoTime();
        assertThatThrownBy(() -> places.details("x", "en", FieldMask.DEFAULT))
                .isInstanceOfSatisfying(
                        ProviderFailure.class, f -> assertThat(f.reason()).isEqualTo("timeout"));
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isBetween(Duration.ofMillis(290), Duration.ofSeconds(2));
    }

    private static TextQuery query(String text, Rectangle rectangle, int max, RankPreference rank) {
        return new TextQuery(text, rectangle, max, null, null, rank, "en", FieldMask.DEFAULT);
    }

    private static Rectangle rectangle(double lowLat, double lowLng, double highLat, double highLng) {
        return new Rectangle(new LatLng(lowLat, lowLng), new LatLng(highLat, highLng));
    }

    private static boolean inside(JsonNode place, Rectangle rectangle) {
        return rectangle.contains(
                place.path("location").path("latitude").asDouble(),
                place.path("location").path("longitude").asDouble());
    }
}
