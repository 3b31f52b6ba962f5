package io.tabelogo.map.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tabelogo.api.map.v1.AdvanceSearchRequest;
import io.tabelogo.api.map.v1.BatchGetPlacesRequest;
import io.tabelogo.api.map.v1.LatLng;
import io.tabelogo.api.map.v1.LocationBias;
import io.tabelogo.api.map.v1.MapServiceGrpc;
import io.tabelogo.api.map.v1.Place;
import io.tabelogo.api.map.v1.PlaceSource;
import io.tabelogo.api.map.v1.QuickSearchRequest;
import io.tabelogo.api.map.v1.RankPreference;
import io.tabelogo.api.map.v1.Rectangle;
import io.tabelogo.map.MapServiceIntegrationTest;
import io.tabelogo.platform.grpc.GrpcCredentials;
import io.tabelogo.platform.grpc.GrpcStatusMapping;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import tools.jackson.databind.JsonNode;

class MapGrpcIntegrationTest extends MapServiceIntegrationTest {

    private static final Rectangle SHIBUYA = Rectangle.newBuilder()
            .setLow(LatLng.newBuilder().setLatitude(35.6545).setLongitude(139.6945))
            .setHigh(LatLng.newBuilder().setLatitude(35.6645).setLongitude(139.7065))
            .build();

    @Autowired
    GrpcServerLifecycle grpcServer;

    private ManagedChannel channel;
    private MapServiceGrpc.MapServiceBlockingStub map;

    @BeforeEach
    void connect() {
        channel = Grpc.newChannelBuilderForAddress(
                        "127.0.0.1", grpcServer.getPort(), InsecureChannelCredentials.create())
                .build();
        map = MapServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcCredentials.token(TOKENS.serviceToken("restaurant-service", "map-service")))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    @Test
    void quickSearchMapsEveryFieldOfThePlaceIncludingPriceLevel() {
        String id = placeWithAllFields();
        JsonNode json = json(quickSearch(quickSearchBody(id))).path("result");

        var answer = map.quickSearch(QuickSearchRequest.newBuilder()
                .setPlaceId(id)
                .setLanguageCode("en")
                .build());

        assertThat(answer.getSource()).isEqualTo(PlaceSource.PLACE_SOURCE_CACHE);
        assertThat(answer.hasCachedAt()).isTrue();
        Place place = answer.getPlace();
        assertThat(place.getId()).isEqualTo(id);
        assertThat(place.getDisplayName().getText())
                .isEqualTo(json.path("displayName").path("text").asString());
        assertThat(place.getDisplayName().getLanguageCode()).isEqualTo("en");
        assertThat(place.getFormattedAddress())
                .isEqualTo(json.path("formattedAddress").asString());
        assertThat(place.getLocation().getLatitude())
                .isEqualTo(json.path("location").path("latitude").asDouble());
        assertThat(place.getLocation().getLongitude())
                .isEqualTo(json.path("location").path("longitude").asDouble());
        assertThat(place.getRating()).isEqualTo(json.path("rating").asDouble());
        assertThat(place.getUserRatingCount())
                .isEqualTo(json.path("userRatingCount").asInt());
        assertThat(place.getPriceLevel().name())
                .isEqualTo(json.path("priceLevel").asString());
        assertThat(place.getTypesList())
                .hasSize(json.path("types").size())
                .contains(json.path("types").get(0).asString());
        assertThat(place.getPhotosCount()).isEqualTo(json.path("photos").size());
        assertThat(place.getPhotos(0).getName())
                .isEqualTo(json.path("photos").get(0).path("name").asString());
        assertThat(place.getPhotos(0).getWidthPx()).isPositive();
        assertThat(place.getPhotos(0).getAuthorAttributions(0).getUri()).startsWith("https://");
        assertThat(place.getRegularOpeningHours().getPeriodsCount())
                .isEqualTo(json.path("regularOpeningHours").path("periods").size());
        assertThat(place.getRegularOpeningHours().getWeekdayDescriptionsList()).hasSize(7);
        assertThat(place.getCurrentOpeningHours().getOpenNow())
                .isEqualTo(json.path("currentOpeningHours").path("openNow").asBoolean());
        assertThat(place.getAddressComponentsCount())
                .isEqualTo(json.path("addressComponents").size());
        assertThat(place.getAddressComponentsList())
                .anySatisfy(c -> assertThat(c.getTypesList()).contains("administrative_area_level_1"));
        assertThat(place.getNationalPhoneNumber())
                .isEqualTo(json.path("nationalPhoneNumber").asString());
        assertThat(place.getInternationalPhoneNumber()).startsWith("+81 ");
        assertThat(place.getWebsiteUri()).isEqualTo(json.path("websiteUri").asString());
        assertThat(place.getEditorialSummary().getText())
                .isEqualTo(json.path("editorialSummary").path("text").asString());
    }

    @Test
    void advanceSearchReturnsThePlacesAndMetadata() {
        var answer = map.advanceSearch(AdvanceSearchRequest.newBuilder()
                .setTextQuery("kaiseki")
                .setLocationBias(LocationBias.newBuilder().setRectangle(SHIBUYA))
                .setMaxResultCount(3)
                .setRankPreference(RankPreference.RANK_PREFERENCE_DISTANCE)
                .build());

        assertThat(answer.getPlacesCount()).isBetween(1, 3);
        assertThat(answer.getTotalCount()).isEqualTo(answer.getPlacesCount());
        assertThat(answer.getSearchMetadata().getTextQuery()).isEqualTo("kaiseki");
        assertThat(answer.getSearchMetadata().getSource())
                .isIn(PlaceSource.PLACE_SOURCE_OFFLINE, PlaceSource.PLACE_SOURCE_CACHE);
    }

    @Test
    void batchGetPlacesReportsEachIdOnItsOwn() {
        String a = someOfflinePlaceId("tempura");
        String b = someOfflinePlaceId("curry");
        String unknown = "ChIJnoSuchPlace" + System.nanoTime();

        var answer = map.batchGetPlaces(BatchGetPlacesRequest.newBuilder()
                .addAllPlaceIds(List.of(a, unknown, b, a))
                .build());

        assertThat(answer.getPlacesMap()).containsOnlyKeys(a, b);
        assertThat(answer.getPlacesMap().get(b).getId()).isEqualTo(b);
        assertThat(answer.getSuccessCount()).isEqualTo(2);
        assertThat(answer.getFailureCount()).isEqualTo(1);
        assertThat(answer.getFailures(0).getPlaceId()).isEqualTo(unknown);
        assertThat(answer.getFailures(0).getCode()).isEqualTo("PLACE_NOT_FOUND");
    }

    @Test
    void invalidRequestsAreInvalidArgumentWithTheProblemCode() {
        AdvanceSearchRequest valid = AdvanceSearchRequest.newBuilder()
                .setTextQuery("ramen")
                .setLocationBias(LocationBias.newBuilder().setRectangle(SHIBUYA))
                .setMaxResultCount(5)
                .build();

        assertInvalid(
                () -> map.advanceSearch(valid.toBuilder().clearLocationBias().build()));
        assertInvalid(() -> map.advanceSearch(valid.toBuilder()
                .setLocationBias(LocationBias.getDefaultInstance())
                .build()));
        assertInvalid(
                () -> map.advanceSearch(valid.toBuilder().setMaxResultCount(0).build()));
        assertInvalid(
                () -> map.advanceSearch(valid.toBuilder().setMaxResultCount(21).build()));
        assertInvalid(() -> map.advanceSearch(valid.toBuilder().setTextQuery("").build()));
        assertInvalid(() ->
                map.advanceSearch(valid.toBuilder().setRankPreferenceValue(42).build()));
        assertInvalid(() ->
                map.advanceSearch(valid.toBuilder().setLanguageCode("klingon").build()));
        assertInvalid(() -> map.quickSearch(QuickSearchRequest.getDefaultInstance()));
        assertInvalid(() -> map.batchGetPlaces(BatchGetPlacesRequest.getDefaultInstance()));
        assertInvalid(() -> map.batchGetPlaces(BatchGetPlacesRequest.newBuilder()
                .addAllPlaceIds(Collections.nCopies(51, "ChIJsame"))
                .build()));
    }

    @Test
    void anUnknownPlaceIsNotFoundAndAProviderOutageIsUnavailable() {
        var notFound = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> map.quickSearch(QuickSearchRequest.newBuilder()
                        .setPlaceId("ChIJnope" + System.nanoTime())
                        .build()));
        assertThat(notFound.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(notFound.getTrailers().get(GrpcStatusMapping.ERROR_CODE)).isEqualTo("PLACE_NOT_FOUND");

        faults.set(0, 0, 1.0);
        var unavailable = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> map.quickSearch(QuickSearchRequest.newBuilder()
                        .setPlaceId("ChIJdown" + System.nanoTime())
                        .build()));
        assertThat(unavailable.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(unavailable.getTrailers().get(GrpcStatusMapping.ERROR_CODE)).isEqualTo("MAP_PROVIDER_UNAVAILABLE");
    }

    /** A dataset place with a rating, a price level, a website and hours, so every field has something to map. */
    private String placeWithAllFields() {
        JsonNode places = json(advanceSearch(advanceSearchBody("shibuya", 20))).path("places");
        for (JsonNode place : places) {
            if (place.has("rating") && place.has("priceLevel") && place.has("websiteUri")) {
                return place.path("id").asString();
            }
        }
        throw new AssertionError("no fully described place in Shibuya");
    }

    private static void assertInvalid(Runnable call) {
        var failure = catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(failure).as("expected INVALID_ARGUMENT").isNotNull();
        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(failure.getTrailers().get(GrpcStatusMapping.ERROR_CODE)).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aCallWithoutATokenOrWithAnotherServicesTokenIsRefused() {
        var request = QuickSearchRequest.newBuilder()
                .setPlaceId(someOfflinePlaceId("ramen"))
                .build();
        var anonymous = MapServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        var misaddressed = MapServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcCredentials.token(TOKENS.serviceToken("restaurant-service", "spider-service")))
                .withDeadlineAfter(10, TimeUnit.SECONDS);

        var missing = org.assertj.core.api.Assertions.catchThrowableOfType(
                io.grpc.StatusRuntimeException.class, () -> anonymous.quickSearch(request));
        var wrongAudience = org.assertj.core.api.Assertions.catchThrowableOfType(
                io.grpc.StatusRuntimeException.class, () -> misaddressed.quickSearch(request));

        assertThat(missing.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
        assertThat(missing.getTrailers().get(GrpcStatusMapping.ERROR_CODE)).isEqualTo("AUTH_TOKEN_MISSING");
        assertThat(wrongAudience.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
        assertThat(wrongAudience.getTrailers().get(GrpcStatusMapping.ERROR_CODE))
                .isEqualTo("AUTH_TOKEN_INVALID");
        // A user's own token is as good as a service's.
        assertThat(MapServiceGrpc.newBlockingStub(channel)
                        .withInterceptors(GrpcCredentials.token(TOKENS.accessToken("someone")))
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .quickSearch(request)
                        .hasPlace())
                .isTrue();
    }
}
