package io.tabelogo.map.provider.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.map.provider.offline.OfflineDatasetGenerator.Area;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The committed offline dataset: reproducible from its generator, and every place usable. Pure file checks. */
class OfflineDatasetUnitTest {

    private static final Path DATASET = Path.of("src/main/resources/offline/places.json");
    private static final Set<String> PRICE_LEVELS = Set.of(
            "PRICE_LEVEL_FREE",
            "PRICE_LEVEL_INEXPENSIVE",
            "PRICE_LEVEL_MODERATE",
            "PRICE_LEVEL_EXPENSIVE",
            "PRICE_LEVEL_VERY_EXPENSIVE");

    private static List<JsonNode> places;

    @BeforeAll
    static void read() throws IOException {
        if (Boolean.getBoolean("tabelogo.regenerate-dataset")) {
            Files.writeString(DATASET, OfflineDatasetGenerator.generate(), StandardCharsets.UTF_8);
        }
        places = JsonMapper.builder()
                .build()
                .readTree(DATASET.toFile())
                .path("places")
                .valueStream()
                .toList();
    }

    @Test
    void theCommittedFileIsExactlyWhatTheSeededGeneratorWrites() throws IOException {
        assertThat(Files.readString(DATASET, StandardCharsets.UTF_8))
                .as("regenerate with -Dtabelogo.regenerate-dataset=true after changing the generator")
                .isEqualTo(OfflineDatasetGenerator.generate());
    }

    @Test
    void holdsAtLeast2000PlacesWithUniqueIds() {
        assertThat(places).hasSizeGreaterThanOrEqualTo(2000);
        Set<String> ids = places.stream().map(p -> p.path("id").asString()).collect(Collectors.toSet());
        assertThat(ids).hasSize(places.size()).allSatisfy(id -> assertThat(id).matches("ChIJ[A-Za-z0-9_-]{23}"));
    }

    @Test
    void everyPlaceHasANameAndLiesInsideTheRectangleOfItsArea() {
        Map<String, Area> areas = new HashMap<>();
        OfflineDatasetGenerator.AREAS.forEach(area -> areas.put(area.name(), area));
        for (JsonNode place : places) {
            assertThat(place.path("displayName").path("text").asString()).isNotBlank();
            String areaName = component(place, "neighborhood");
            Area area = areas.get(areaName);
            assertThat(area).as("area of %s", place.path("id")).isNotNull();
            double lat = place.path("location").path("latitude").asDouble();
            double lng = place.path("location").path("longitude").asDouble();
            assertThat(area.contains(lat, lng))
                    .as("%s at %s,%s in %s", place.path("id"), lat, lng, areaName)
                    .isTrue();
            assertThat(component(place, "administrative_area_level_1")).isEqualTo(area.prefecture());
            assertThat(component(place, "country")).isEqualTo("Japan");
            assertThat(place.path("formattedAddress").asString())
                    .contains(area.locality())
                    .endsWith("Japan");
        }
    }

    @Test
    void coversTheFiveCitiesWithRealisticDetails() {
        Set<String> prefectures = new HashSet<>();
        Map<String, Integer> priceLevels = new HashMap<>();
        for (JsonNode place : places) {
            prefectures.add(component(place, "administrative_area_level_1"));
            if (place.has("priceLevel")) {
                assertThat(PRICE_LEVELS).contains(place.get("priceLevel").asString());
                priceLevels.merge(place.get("priceLevel").asString(), 1, Integer::sum);
            }
            if (place.has("rating")) {
                assertThat(place.get("rating").asDouble()).isBetween(1.0, 5.0);
                assertThat(place.get("userRatingCount").asInt()).isPositive();
            }
            assertThat(place.path("types").get(0).asString()).isNotBlank();
            assertThat(place.path("nationalPhoneNumber").asString()).matches("0\\d{1,2}-\\d{3,4}-\\d{4}");
            assertThat(place.path("regularOpeningHours").path("weekdayDescriptions"))
                    .hasSize(7);
            assertThat(place.path("photos")).isNotEmpty();
        }
        assertThat(prefectures).containsExactlyInAnyOrder("Tokyo", "Osaka", "Kyoto", "Fukuoka", "Hokkaido");
        assertThat(priceLevels.keySet()).hasSizeGreaterThanOrEqualTo(4);
    }

    private static String component(JsonNode place, String type) {
        for (JsonNode component : place.path("addressComponents")) {
            for (JsonNode t : component.path("types")) {
                if (t.asString().equals(type)) {
                    return component.path("longText").asString();
                }
            }
        }
        return null;
    }
}
