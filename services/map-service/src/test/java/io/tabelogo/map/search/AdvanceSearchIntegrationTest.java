package io.tabelogo.map.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.map.MapServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class AdvanceSearchIntegrationTest extends MapServiceIntegrationTest {

    @Test
    void findsPlacesInsideTheRectangleWithMetadata() {
        HttpResponse<String> response = advanceSearch(advanceSearchBody("ramen near Shibuya", 20));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        JsonNode places = body.path("places");
        assertThat(places).isNotEmpty();
        assertThat(body.path("total_count").asInt()).isEqualTo(places.size());
        assertThat(body.path("search_metadata").path("text_query").asString()).isEqualTo("ramen near Shibuya");
        assertThat(body.path("search_metadata").path("source").asString()).isIn("offline", "cache");
        assertThat(body.path("search_metadata").has("search_time_ms")).isTrue();
        for (JsonNode place : places) {
            assertThat(place.path("location").path("latitude").asDouble()).isBetween(35.6545, 35.6645);
            assertThat(place.path("location").path("longitude").asDouble()).isBetween(139.6945, 139.7065);
            assertThat(place.has("displayName")).isTrue();
        }
    }

    @Test
    void theSameSearchSpelledDifferentlyIsServedFromTheCache() {
        String text = "Sushi  " + System.nanoTime(); // no place matches; still a search worth caching
        advanceSearch(advanceSearchBody(text, 5));

        JsonNode again = json(advanceSearch(advanceSearchBody(text.toLowerCase().replace("  ", " "), 5)));

        assertThat(again.path("search_metadata").path("source").asString()).isEqualTo("cache");
        assertThat(again.path("places")).isEmpty();
    }

    @Test
    void zeroCoordinatesAreValid() {
        String body = """
                {"text_query": "ramen", "max_result_count": 5, "rank_preference": "DISTANCE",
                 "location_bias": {"rectangle": {"low": {"latitude": 0, "longitude": 0},
                                                 "high": {"latitude": 0.0, "longitude": 0.0}}}}""";

        HttpResponse<String> response = advanceSearch(body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("total_count").asInt()).isZero();
    }

    @Test
    void filtersApplyBeforeTheLimit() {
        String body = """
                {"text_query": "restaurant", "max_result_count": 3, "min_rating": 4.0,
                 "location_bias": {"rectangle": {"low": {"latitude": 35.6, "longitude": 139.6},
                                                 "high": {"latitude": 35.75, "longitude": 139.85}}}}""";

        JsonNode places = json(advanceSearch(body)).path("places");

        assertThat(places).hasSize(3);
        places.forEach(place -> assertThat(place.path("rating").asDouble()).isGreaterThanOrEqualTo(4.0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            latitude above 90        | "text_query": "ramen", "max_result_count": 5, "location_bias": {"rectangle": {"low": {"latitude": 91, "longitude": 0}, "high": {"latitude": 92, "longitude": 1}}} | location_bias.rectangle.low.latitude
            longitude below -180     | "text_query": "ramen", "max_result_count": 5, "location_bias": {"rectangle": {"low": {"latitude": 0, "longitude": -181}, "high": {"latitude": 1, "longitude": 1}}} | location_bias.rectangle.low.longitude
            low above high           | "text_query": "ramen", "max_result_count": 5, "location_bias": {"rectangle": {"low": {"latitude": 2, "longitude": 0}, "high": {"latitude": 1, "longitude": 1}}} | location_bias.rectangle
            max_result_count 0       | "text_query": "ramen", "max_result_count": 0, "location_bias": {"rectangle": {"low": {"latitude": 0, "longitude": 0}, "high": {"latitude": 1, "longitude": 1}}} | max_result_count
            max_result_count 21      | "text_query": "ramen", "max_result_count": 21, "location_bias": {"rectangle": {"low": {"latitude": 0, "longitude": 0}, "high": {"latitude": 1, "longitude": 1}}} | max_result_count
            max_result_count missing | "text_query": "ramen", "location_bias": {"rectangle": {"low": {"latitude": 0, "longitude": 0}, "high": {"latitude": 1, "longitude": 1}}} | max_result_count
            unknown language         | "text_query": "ramen", "max_result_count": 5, "language_code": "fr", "location_bias": {"rectangle": {"low": {"latitude": 0, "longitude": 0}, "high": {"latitude": 1, "longitude": 1}}} | language_code
            unknown rank preference  | "text_query": "ramen", "max_result_count": 5, "rank_preference": "POPULARITY", "location_bias": {"rectangle": {"low": {"latitude": 0, "longitude": 0}, "high": {"latitude": 1, "longitude": 1}}} | rank_preference
            empty text query         | "text_query": "  ", "max_result_count": 5, "location_bias": {"rectangle": {"low": {"latitude": 0, "longitude": 0}, "high": {"latitude": 1, "longitude": 1}}} | text_query
            min_rating above 5       | "text_query": "ramen", "max_result_count": 5, "min_rating": 5.5, "location_bias": {"rectangle": {"low": {"latitude": 0, "longitude": 0}, "high": {"latitude": 1, "longitude": 1}}} | min_rating
            no location_bias         | "text_query": "ramen", "max_result_count": 5 | location_bias
            no rectangle             | "text_query": "ramen", "max_result_count": 5, "location_bias": {} | location_bias.rectangle
            no high corner           | "text_query": "ramen", "max_result_count": 5, "location_bias": {"rectangle": {"low": {"latitude": 0, "longitude": 0}}} | location_bias.rectangle.high
            bad api_mask             | "text_query": "ramen", "max_result_count": 5, "api_mask": "id;rating", "location_bias": {"rectangle": {"low": {"latitude": 0, "longitude": 0}, "high": {"latitude": 1, "longitude": 1}}} | api_mask
            """)
    void invalidSearchesAre400WithTheFieldNamed(String name, String fields, String field) {
        JsonNode problem = assertProblem(advanceSearch("{" + fields + "}"), 400, "VALIDATION_FAILED");

        List<String> named = new ArrayList<>();
        problem.path("errors").forEach(error -> named.add(error.path("field").asString()));
        assertThat(named).contains(field);
    }

    @Test
    void aBodyThatIsNotJsonOrHasWrongTypesIs400() {
        assertProblem(advanceSearch("{not json"), 400, "MALFORMED_REQUEST");
        assertProblem(
                advanceSearch("{\"text_query\": \"ramen\", \"max_result_count\": \"many\"}"), 400, "MALFORMED_REQUEST");
        assertProblem(advanceSearch(""), 400, "MALFORMED_REQUEST");
    }

    @Test
    void invalidQuickSearchesAre400() {
        assertProblem(quickSearch("{\"language_code\": \"en\"}"), 400, "VALIDATION_FAILED");
        assertProblem(quickSearch("{\"place_id\": \"../../admin\"}"), 400, "VALIDATION_FAILED");
        assertProblem(quickSearch("{\"place_id\": \"ChIJabc\", \"language_code\": \"de\"}"), 400, "VALIDATION_FAILED");
        assertProblem(
                quickSearch("{\"place_id\": \"ChIJabc\", \"language_code\": \"zh-TW\", \"api_mask\": \",\"}"),
                400,
                "VALIDATION_FAILED");
    }
}
