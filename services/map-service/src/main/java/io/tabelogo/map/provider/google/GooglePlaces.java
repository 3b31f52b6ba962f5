package io.tabelogo.map.provider.google;

import io.tabelogo.map.MapErrorCodes;
import io.tabelogo.map.provider.FieldMask;
import io.tabelogo.map.provider.LatLng;
import io.tabelogo.map.provider.PlaceProvider;
import io.tabelogo.map.provider.ProviderFailure;
import io.tabelogo.map.provider.ProviderSettings;
import io.tabelogo.map.provider.TextQuery;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Places API (New): place details ({@code GET /v1/places/{id}}) and text search ({@code POST
 * /v1/places:searchText}), with the API key and field mask headers Google requires. Google's error statuses are
 * sorted into answers (404, or 400 for an id Google cannot parse: the place does not exist) and failures (5xx and
 * timeouts are worth a retry; 429 and other 4xx are not).
 */
public class GooglePlaces implements PlaceProvider {

    private static final Logger log = LoggerFactory.getLogger(GooglePlaces.class);

    private final RestClient http;

    GooglePlaces(RestClient http) {
        this.http = http;
    }

    /** Boot's builder, so outbound calls are traced and timed like every other HTTP client call. */
    public static GooglePlaces create(ProviderSettings settings, RestClient.Builder builder) {
        ProviderSettings.Google google = settings.google();
        if (google.apiKey().isBlank()) {
            throw new IllegalStateException(
                    "TABELOGO_MAP_PROVIDER=google needs GOOGLE_MAPS_API_KEY (or use TABELOGO_MAP_PROVIDER=offline)");
        }
        var requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(google.connectTimeout()).build());
        requests.setReadTimeout(settings.timeout());
        return new GooglePlaces(builder.clone()
                .baseUrl(google.baseUrl().toString())
                .requestFactory(requests)
                .defaultHeader("X-Goog-Api-Key", google.apiKey())
                .build());
    }

    @Override
    public String name() {
        return "google";
    }

    @Override
    public ObjectNode details(String placeId, String languageCode, FieldMask mask) {
        return call(
                "place details",
                () -> http.get()
                        .uri(uri -> uri.path("/v1/places/{id}")
                                .queryParam("languageCode", languageCode)
                                .build(placeId))
                        .header("X-Goog-FieldMask", mask.detailsHeader())
                        .accept(MediaType.APPLICATION_JSON)
                        .exchange((request, response) -> {
                            HttpStatusCode status = response.getStatusCode();
                            if (status.value() == 404 || status.value() == 400) {
                                throw MapErrorCodes.placeNotFound(placeId);
                            }
                            return (ObjectNode) body(response, status);
                        }));
    }

    @Override
    public List<ObjectNode> textSearch(TextQuery query) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("textQuery", query.textQuery());
        ObjectNode rectangle = body.putObject("locationBias").putObject("rectangle");
        point(rectangle.putObject("low"), query.rectangle().low());
        point(rectangle.putObject("high"), query.rectangle().high());
        body.put("maxResultCount", query.maxResultCount());
        body.put("rankPreference", query.rankPreference().name());
        body.put("languageCode", query.languageCode());
        if (query.minRating() != null) {
            body.put("minRating", query.minRating());
        }
        if (query.openNow() != null) {
            body.put("openNow", query.openNow());
        }
        JsonNode answer = call(
                "text search",
                () -> http.post()
                        .uri("/v1/places:searchText")
                        .header("X-Goog-FieldMask", query.mask().searchHeader())
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.APPLICATION_JSON)
                        .body(body.toString())
                        .exchange((request, response) -> body(response, response.getStatusCode())));
        List<ObjectNode> places = new ArrayList<>();
        for (JsonNode place : answer.path("places")) {
            if (place instanceof ObjectNode object) {
                places.add(object);
            }
        }
        return places;
    }

    private static void point(ObjectNode node, LatLng point) {
        node.put("latitude", point.latitude()).put("longitude", point.longitude());
    }

    private static JsonNode body(ConvertibleClientHttpResponse response, HttpStatusCode status) throws IOException {
        if (status.is2xxSuccessful()) {
            JsonNode json = response.bodyTo(JsonNode.class);
            if (json == null || !json.isObject()) {
                throw new ProviderFailure("bad_response", true, "Google answered " + status + " without a JSON object");
            }
            return json;
        }
        String reason = "http_" + status.value();
        // Google's error body ({error: {code, message, status}}) says why; it never contains the key.
        String detail = new String(response.getBody().readNBytes(2_000), StandardCharsets.UTF_8);
        if (status.value() == 403 || status.value() == 401) {
            log.error("Google Places refused the API key or project ({}): {}", status.value(), detail);
        }
        throw new ProviderFailure(reason, status.is5xxServerError(), "Google answered " + status + ": " + detail);
    }

    private static <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (ResourceAccessException e) {
            boolean timeout = e.getCause() instanceof HttpTimeoutException
                    || e.getCause() instanceof java.net.SocketTimeoutException;
            throw new ProviderFailure(
                    timeout ? "timeout" : "connection",
                    true,
                    "Google " + what + " " + (timeout ? "timed out" : "failed: " + e.getMessage()),
                    e);
        } catch (RestClientException e) { // e.g. a body that is not JSON
            throw new ProviderFailure(
                    "bad_response", true, "Google " + what + " answered garbage: " + e.getMessage(), e);
        }
    }
}
