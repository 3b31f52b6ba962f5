package io.tabelogo.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tabelogo.api.auth.v1.AuthServiceGrpc;
import io.tabelogo.api.auth.v1.Role;
import io.tabelogo.api.auth.v1.ValidateTokenRequest;
import io.tabelogo.api.auth.v1.ValidateTokenResponse;
import io.tabelogo.api.map.v1.BatchGetPlacesRequest;
import io.tabelogo.api.map.v1.BatchGetPlacesResponse;
import io.tabelogo.api.map.v1.LocalizedText;
import io.tabelogo.api.map.v1.MapServiceGrpc;
import io.tabelogo.api.map.v1.Place;
import io.tabelogo.api.map.v1.PlaceFailure;
import io.tabelogo.api.map.v1.PriceLevel;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GeneratedStubsTest {

    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws IOException {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addService(new FakeAuth())
                .addService(new FakeMap())
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void validTokenIsAnsweredWithTheCallersIdentity() {
        var response = AuthServiceGrpc.newBlockingStub(channel)
                .validateToken(
                        ValidateTokenRequest.newBuilder().setAccessToken("good").build());

        assertThat(response.getValid()).isTrue();
        assertThat(response.getUserId()).isEqualTo("u-1");
        assertThat(response.getUsername()).isEqualTo("hanako");
        assertThat(response.getRole()).isEqualTo(Role.ROLE_ADMIN);
        assertThat(response.getSessionId()).isEqualTo("s-1");
    }

    @Test
    void badTokenIsAnAnswerNotAnError() {
        var response = AuthServiceGrpc.newBlockingStub(channel)
                .validateToken(ValidateTokenRequest.newBuilder()
                        .setAccessToken("forged")
                        .build());

        assertThat(response.getValid()).isFalse();
        assertThat(response.getUserId()).isEmpty();
    }

    @Test
    void batchGetPlacesKeepsPriceLevelAndReportsFailuresPerId() {
        var response = MapServiceGrpc.newBlockingStub(channel)
                .batchGetPlaces(BatchGetPlacesRequest.newBuilder()
                        .addPlaceIds("ChIJ-sushi")
                        .addPlaceIds("missing")
                        .setLanguageCode("ja")
                        .build());

        assertThat(response.getSuccessCount()).isEqualTo(1);
        assertThat(response.getFailureCount()).isEqualTo(1);
        Place sushi = response.getPlacesOrThrow("ChIJ-sushi");
        assertThat(sushi.getPriceLevel()).isEqualTo(PriceLevel.PRICE_LEVEL_VERY_EXPENSIVE);
        assertThat(sushi.getDisplayName().getText()).isEqualTo("すし匠");
        assertThat(sushi.hasRating()).isTrue();
        assertThat(sushi.getRating()).isEqualTo(4.6);
        assertThat(sushi.hasUserRatingCount())
                .as("absent stays absent, not zero")
                .isFalse();
        assertThat(response.getFailuresList()).singleElement().satisfies(failure -> {
            assertThat(failure.getPlaceId()).isEqualTo("missing");
            assertThat(failure.getCode()).isEqualTo("PLACE_NOT_FOUND");
        });
    }

    private static final class FakeAuth extends AuthServiceGrpc.AuthServiceImplBase {
        @Override
        public void validateToken(ValidateTokenRequest request, StreamObserver<ValidateTokenResponse> observer) {
            var response = request.getAccessToken().equals("good")
                    ? ValidateTokenResponse.newBuilder()
                            .setValid(true)
                            .setUserId("u-1")
                            .setUsername("hanako")
                            .setRole(Role.ROLE_ADMIN)
                            .setSessionId("s-1")
                            .build()
                    : ValidateTokenResponse.newBuilder().setValid(false).build();
            observer.onNext(response);
            observer.onCompleted();
        }
    }

    private static final class FakeMap extends MapServiceGrpc.MapServiceImplBase {
        @Override
        public void batchGetPlaces(BatchGetPlacesRequest request, StreamObserver<BatchGetPlacesResponse> observer) {
            var response = BatchGetPlacesResponse.newBuilder();
            for (String id : request.getPlaceIdsList()) {
                if (id.startsWith("ChIJ")) {
                    response.putPlaces(
                            id,
                            Place.newBuilder()
                                    .setId(id)
                                    .setDisplayName(LocalizedText.newBuilder()
                                            .setText("すし匠")
                                            .setLanguageCode(request.getLanguageCode()))
                                    .setRating(4.6)
                                    .setPriceLevel(PriceLevel.PRICE_LEVEL_VERY_EXPENSIVE)
                                    .build());
                } else {
                    response.addFailures(PlaceFailure.newBuilder()
                            .setPlaceId(id)
                            .setCode("PLACE_NOT_FOUND")
                            .setMessage("no such place"));
                }
            }
            observer.onNext(response.setSuccessCount(response.getPlacesCount())
                    .setFailureCount(response.getFailuresCount())
                    .build());
            observer.onCompleted();
        }
    }
}
