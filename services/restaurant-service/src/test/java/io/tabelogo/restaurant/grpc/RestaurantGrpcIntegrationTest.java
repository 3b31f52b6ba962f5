package io.tabelogo.restaurant.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tabelogo.api.restaurant.v1.AddFavoriteRequest;
import io.tabelogo.api.restaurant.v1.CreateRestaurantRequest;
import io.tabelogo.api.restaurant.v1.DeleteRestaurantRequest;
import io.tabelogo.api.restaurant.v1.GetRestaurantByExternalIdRequest;
import io.tabelogo.api.restaurant.v1.GetRestaurantRequest;
import io.tabelogo.api.restaurant.v1.ListFavoritesRequest;
import io.tabelogo.api.restaurant.v1.ListRestaurantsRequest;
import io.tabelogo.api.restaurant.v1.PageRequest;
import io.tabelogo.api.restaurant.v1.RemoveFavoriteRequest;
import io.tabelogo.api.restaurant.v1.Restaurant;
import io.tabelogo.api.restaurant.v1.RestaurantServiceGrpc;
import io.tabelogo.api.restaurant.v1.RestaurantSort;
import io.tabelogo.api.restaurant.v1.RestaurantSource;
import io.tabelogo.api.restaurant.v1.SearchRestaurantsRequest;
import io.tabelogo.api.restaurant.v1.Tags;
import io.tabelogo.api.restaurant.v1.UpdateRestaurantRequest;
import io.tabelogo.platform.grpc.GrpcCredentials;
import io.tabelogo.platform.grpc.GrpcStatusMapping;
import io.tabelogo.restaurant.RestaurantServiceIntegrationTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

class RestaurantGrpcIntegrationTest extends RestaurantServiceIntegrationTest {

    @Autowired
    GrpcServerLifecycle grpcServer;

    private ManagedChannel channel;
    private RestaurantServiceGrpc.RestaurantServiceBlockingStub restaurants;

    @BeforeEach
    void connect() {
        channel = Grpc.newChannelBuilderForAddress(
                        "127.0.0.1", grpcServer.getPort(), InsecureChannelCredentials.create())
                .build();
        // An administrator's token: the catalogue's writes need one, and it may act on any user's favourites.
        restaurants = RestaurantServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcCredentials.token(TOKENS.adminAccessToken("grpc-admin")))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    @Test
    void aRestaurantMakesTheRoundTripWithEveryField() {
        String externalId = "tabelog-" + UUID.randomUUID();
        Restaurant sent = Restaurant.newBuilder()
                .setName(unique("Sushi Saito"))
                .setNameJa("鮨 さいとう")
                .setArea("Tokyo")
                .setSource(RestaurantSource.RESTAURANT_SOURCE_TABELOG)
                .setExternalId(externalId)
                .setAddress("1-4-5 Roppongi")
                .setLatitude(35.665)
                .setLongitude(139.74)
                .setRating(4.9)
                .setPriceRange("$$$$")
                .setCuisineType("sushi")
                .setPhone("03-3589-4412")
                .setWebsite("https://sushi-saito.example/")
                .setOpeningHours(Struct.newBuilder().putFields("monday", text("12:00-14:00")))
                .setMetadata(Struct.newBuilder()
                        .putFields(
                                "michelin_stars",
                                Value.newBuilder().setNumberValue(3).build()))
                .build();

        Restaurant created = restaurants
                .createRestaurant(
                        CreateRestaurantRequest.newBuilder().setRestaurant(sent).build())
                .getRestaurant();
        Restaurant read = restaurants
                .getRestaurant(
                        GetRestaurantRequest.newBuilder().setId(created.getId()).build())
                .getRestaurant();
        Restaurant byExternalId = restaurants
                .getRestaurantByExternalId(GetRestaurantByExternalIdRequest.newBuilder()
                        .setSource(RestaurantSource.RESTAURANT_SOURCE_TABELOG)
                        .setExternalId(externalId)
                        .build())
                .getRestaurant();

        Restaurant withoutServerFields = read.toBuilder()
                .clearId()
                .clearCreatedAt()
                .clearUpdatedAt()
                .clearViewCount()
                .build();
        assertThat(withoutServerFields).isEqualTo(sent);
        assertThat(read.getId()).isEqualTo(created.getId());
        assertThat(read.hasCreatedAt()).isTrue();
        assertThat(byExternalId.getId()).isEqualTo(created.getId());
    }

    @Test
    void anUpdateChangesOnlyTheMaskedFieldsAndDeleteHidesTheRow() {
        String id = createManual(unique("Masked")).get("id").asString();

        Restaurant updated = restaurants
                .updateRestaurant(UpdateRestaurantRequest.newBuilder()
                        .setRestaurant(Restaurant.newBuilder()
                                .setId(id)
                                .setNameJa("マスク")
                                .setArea("ignored"))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("name_ja"))
                        .build())
                .getRestaurant();
        restaurants.deleteRestaurant(
                DeleteRestaurantRequest.newBuilder().setId(id).build());

        assertThat(updated.getNameJa()).isEqualTo("マスク");
        assertThat(updated.getArea()).isEqualTo("Tokyo");
        assertStatus(
                () -> restaurants.getRestaurant(
                        GetRestaurantRequest.newBuilder().setId(id).build()),
                Status.Code.NOT_FOUND,
                "RESTAURANT_NOT_FOUND");
    }

    @Test
    void searchListAndFavoritesWork() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String id = createManual("Grpc " + tag).get("id").asString();
        String user = UUID.randomUUID().toString();

        var found = restaurants.searchRestaurants(SearchRestaurantsRequest.newBuilder()
                .setQuery(tag)
                .setSort(RestaurantSort.RESTAURANT_SORT_NAME)
                .setPage(PageRequest.newBuilder().setSize(5))
                .build());
        var listed = restaurants.listRestaurants(ListRestaurantsRequest.newBuilder()
                .setPage(PageRequest.newBuilder().setSize(1))
                .build());
        var added = restaurants.addFavorite(AddFavoriteRequest.newBuilder()
                .setUserId(user)
                .setRestaurantId(id)
                .setNotes("omakase")
                .setTags(Tags.newBuilder().addAllValues(List.of("sushi", "date")))
                .build());
        var again = restaurants.addFavorite(AddFavoriteRequest.newBuilder()
                .setUserId(user)
                .setRestaurantId(id)
                .build());
        var favorites = restaurants.listFavorites(
                ListFavoritesRequest.newBuilder().setUserId(user).build());
        restaurants.removeFavorite(RemoveFavoriteRequest.newBuilder()
                .setUserId(user)
                .setRestaurantId(id)
                .build());

        assertThat(found.getRestaurantsList()).extracting(Restaurant::getId).containsExactly(id);
        assertThat(found.getPage().getTotal()).isEqualTo(1);
        assertThat(found.getPage().getSize()).isEqualTo(5);
        assertThat(listed.getRestaurantsCount()).isEqualTo(1);
        assertThat(added.getCreated()).isTrue();
        assertThat(again.getCreated()).isFalse();
        assertThat(again.getFavorite().getNotes()).isEqualTo("omakase");
        assertThat(again.getFavorite().getTagsList()).containsExactly("sushi", "date");
        assertThat(favorites.getFavoritesList()).hasSize(1);
        assertThat(favorites.getFavorites(0).getRestaurant().getName()).isEqualTo("Grpc " + tag);
        assertStatus(
                () -> restaurants.removeFavorite(RemoveFavoriteRequest.newBuilder()
                        .setUserId(user)
                        .setRestaurantId(id)
                        .build()),
                Status.Code.NOT_FOUND,
                "FAVORITE_NOT_FOUND");
    }

    @Test
    void missingMessagesAndBadValuesAreInvalidArgumentNeverACrash() {
        assertStatus(
                () -> restaurants.createRestaurant(CreateRestaurantRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT,
                "VALIDATION_FAILED");
        assertStatus(
                () -> restaurants.createRestaurant(CreateRestaurantRequest.newBuilder()
                        .setRestaurant(Restaurant.newBuilder().setName("No source"))
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "VALIDATION_FAILED");
        assertStatus(
                () -> restaurants.getRestaurant(
                        GetRestaurantRequest.newBuilder().setId("nope").build()),
                Status.Code.INVALID_ARGUMENT,
                "VALIDATION_FAILED");
        assertStatus(
                () -> restaurants.updateRestaurant(UpdateRestaurantRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT,
                "VALIDATION_FAILED");
        assertStatus(
                () -> restaurants.updateRestaurant(UpdateRestaurantRequest.newBuilder()
                        .setRestaurant(
                                Restaurant.newBuilder().setId(UUID.randomUUID().toString()))
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "VALIDATION_FAILED");
        assertStatus(
                () -> restaurants.updateRestaurant(UpdateRestaurantRequest.newBuilder()
                        .setRestaurant(
                                Restaurant.newBuilder().setId(UUID.randomUUID().toString()))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("view_count"))
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "VALIDATION_FAILED");
        assertStatus(
                () -> restaurants.getRestaurantByExternalId(GetRestaurantByExternalIdRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT,
                "VALIDATION_FAILED");
        assertStatus(
                () -> restaurants.searchRestaurants(SearchRestaurantsRequest.newBuilder()
                        .setSort(RestaurantSort.RESTAURANT_SORT_DISTANCE)
                        .setPage(PageRequest.newBuilder().setSize(101))
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "VALIDATION_FAILED");
        assertStatus(
                () -> restaurants.addFavorite(AddFavoriteRequest.newBuilder()
                        .setUserId(UUID.randomUUID().toString())
                        .setRestaurantId(UUID.randomUUID().toString())
                        .build()),
                Status.Code.NOT_FOUND,
                "RESTAURANT_NOT_FOUND");
    }

    @Test
    void aDuplicateIsAlreadyExists() {
        Restaurant place = Restaurant.newBuilder()
                .setName("Dup")
                .setSource(RestaurantSource.RESTAURANT_SOURCE_GOOGLE)
                .setExternalId("ChIJdup" + UUID.randomUUID())
                .build();
        restaurants.createRestaurant(
                CreateRestaurantRequest.newBuilder().setRestaurant(place).build());

        assertStatus(
                () -> restaurants.createRestaurant(CreateRestaurantRequest.newBuilder()
                        .setRestaurant(place)
                        .build()),
                Status.Code.ALREADY_EXISTS,
                "RESTAURANT_DUPLICATE");
    }

    @Test
    void everyCallNeedsATokenAndChangesNeedAnAdministrator() {
        var anonymous = RestaurantServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        var user = RestaurantServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcCredentials.token(
                        TOKENS.accessToken(UUID.randomUUID().toString())))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        String id = createManual("Guarded " + UUID.randomUUID()).get("id").asString();

        assertStatus(
                () -> anonymous.getRestaurant(
                        GetRestaurantRequest.newBuilder().setId(id).build()),
                Status.Code.UNAUTHENTICATED,
                "AUTH_TOKEN_MISSING");
        assertThat(user.getRestaurant(
                                GetRestaurantRequest.newBuilder().setId(id).build())
                        .getRestaurant()
                        .getId())
                .isEqualTo(id);
        assertStatus(
                () -> user.deleteRestaurant(
                        DeleteRestaurantRequest.newBuilder().setId(id).build()),
                Status.Code.PERMISSION_DENIED,
                "FORBIDDEN");
        assertStatus(
                () -> user.createRestaurant(CreateRestaurantRequest.newBuilder()
                        .setRestaurant(Restaurant.newBuilder()
                                .setName("Planted")
                                .setSource(RestaurantSource.RESTAURANT_SOURCE_MANUAL))
                        .build()),
                Status.Code.PERMISSION_DENIED,
                "FORBIDDEN");
        assertThat(restaurants
                        .getRestaurant(
                                GetRestaurantRequest.newBuilder().setId(id).build())
                        .getRestaurant()
                        .getName())
                .as("nothing changed")
                .startsWith("Guarded");
    }

    @Test
    void favouritesAreTheTokensUsersOwnWhateverUserIdTheMessageNames() {
        String id = createManual("Favoured " + UUID.randomUUID()).get("id").asString();
        String me = UUID.randomUUID().toString();
        String someoneElse = UUID.randomUUID().toString();
        var asMe = RestaurantServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcCredentials.token(TOKENS.accessToken(me)))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        var asAService = RestaurantServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcCredentials.token(TOKENS.serviceToken("spider-service", "restaurant-service")))
                .withDeadlineAfter(10, TimeUnit.SECONDS);

        assertThat(asMe.addFavorite(AddFavoriteRequest.newBuilder()
                                .setUserId(me)
                                .setRestaurantId(id)
                                .build())
                        .getCreated())
                .isTrue();
        assertStatus(
                () -> asMe.addFavorite(AddFavoriteRequest.newBuilder()
                        .setUserId(someoneElse)
                        .setRestaurantId(id)
                        .build()),
                Status.Code.PERMISSION_DENIED,
                "FORBIDDEN");
        assertStatus(
                () -> asMe.listFavorites(
                        ListFavoritesRequest.newBuilder().setUserId(someoneElse).build()),
                Status.Code.PERMISSION_DENIED,
                "FORBIDDEN");
        assertStatus(
                () -> asAService.listFavorites(
                        ListFavoritesRequest.newBuilder().setUserId(me).build()),
                Status.Code.PERMISSION_DENIED,
                "FORBIDDEN");
        assertThat(restaurants
                        .listFavorites(ListFavoritesRequest.newBuilder()
                                .setUserId(someoneElse)
                                .build())
                        .getFavoritesList())
                .as("nothing stored for the refused call")
                .isEmpty();
    }

    private static Value text(String value) {
        return Value.newBuilder().setStringValue(value).build();
    }

    private static void assertStatus(Runnable call, Status.Code code, String errorCode) {
        StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(failure).as("expected %s", code).isNotNull();
        assertThat(failure.getStatus().getCode()).isEqualTo(code);
        assertThat(failure.getTrailers().get(GrpcStatusMapping.ERROR_CODE)).isEqualTo(errorCode);
    }
}
