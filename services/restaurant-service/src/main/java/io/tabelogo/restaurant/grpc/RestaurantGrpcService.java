package io.tabelogo.restaurant.grpc;

import io.grpc.stub.StreamObserver;
import io.tabelogo.api.restaurant.v1.AddFavoriteRequest;
import io.tabelogo.api.restaurant.v1.AddFavoriteResponse;
import io.tabelogo.api.restaurant.v1.CreateRestaurantRequest;
import io.tabelogo.api.restaurant.v1.CreateRestaurantResponse;
import io.tabelogo.api.restaurant.v1.DeleteRestaurantRequest;
import io.tabelogo.api.restaurant.v1.DeleteRestaurantResponse;
import io.tabelogo.api.restaurant.v1.GetRestaurantByExternalIdRequest;
import io.tabelogo.api.restaurant.v1.GetRestaurantByExternalIdResponse;
import io.tabelogo.api.restaurant.v1.GetRestaurantRequest;
import io.tabelogo.api.restaurant.v1.GetRestaurantResponse;
import io.tabelogo.api.restaurant.v1.ListFavoritesRequest;
import io.tabelogo.api.restaurant.v1.ListFavoritesResponse;
import io.tabelogo.api.restaurant.v1.ListRestaurantsRequest;
import io.tabelogo.api.restaurant.v1.ListRestaurantsResponse;
import io.tabelogo.api.restaurant.v1.PageRequest;
import io.tabelogo.api.restaurant.v1.RemoveFavoriteRequest;
import io.tabelogo.api.restaurant.v1.RemoveFavoriteResponse;
import io.tabelogo.api.restaurant.v1.RestaurantServiceGrpc;
import io.tabelogo.api.restaurant.v1.SearchRestaurantsRequest;
import io.tabelogo.api.restaurant.v1.SearchRestaurantsResponse;
import io.tabelogo.api.restaurant.v1.UpdateRestaurantRequest;
import io.tabelogo.api.restaurant.v1.UpdateRestaurantResponse;
import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ApiException.FieldProblem;
import io.tabelogo.platform.error.ErrorCodes;
import io.tabelogo.platform.grpc.GrpcCaller;
import io.tabelogo.restaurant.RestaurantErrorCodes;
import io.tabelogo.restaurant.catalog.Page;
import io.tabelogo.restaurant.catalog.Paging;
import io.tabelogo.restaurant.catalog.Restaurant;
import io.tabelogo.restaurant.catalog.RestaurantCatalog;
import io.tabelogo.restaurant.catalog.RestaurantQuery;
import io.tabelogo.restaurant.catalog.RestaurantRules;
import io.tabelogo.restaurant.favorites.Favorite;
import io.tabelogo.restaurant.favorites.UserFavorites;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code restaurant.v1.RestaurantService} over the same use cases as HTTP. Callers are other services inside the
 * cluster (no per-call tokens, see the platform), so writes are not limited to admins here and user ids come in
 * the messages. Failures are {@code ApiException}s the platform maps to statuses; a missing nested message is
 * INVALID_ARGUMENT, never a crash.
 */
@Service
class RestaurantGrpcService extends RestaurantServiceGrpc.RestaurantServiceImplBase {

    private final RestaurantCatalog catalog;
    private final UserFavorites favorites;
    private final RestaurantMessages messages;
    private final JsonMapper json;

    RestaurantGrpcService(RestaurantCatalog catalog, UserFavorites favorites, JsonMapper json) {
        this.catalog = catalog;
        this.favorites = favorites;
        this.messages = new RestaurantMessages(json);
        this.json = json;
    }

    @Override
    public void createRestaurant(CreateRestaurantRequest request, StreamObserver<CreateRestaurantResponse> response) {
        require(request.hasRestaurant(), "restaurant");
        Restaurant created = catalog.create(messages.fields(request.getRestaurant()));
        answer(
                response,
                CreateRestaurantResponse.newBuilder()
                        .setRestaurant(messages.restaurant(created))
                        .build());
    }

    @Override
    public void getRestaurant(GetRestaurantRequest request, StreamObserver<GetRestaurantResponse> response) {
        Restaurant found =
                catalog.get(RestaurantRules.id("id", request.getId())).restaurant();
        answer(
                response,
                GetRestaurantResponse.newBuilder()
                        .setRestaurant(messages.restaurant(found))
                        .build());
    }

    @Override
    public void getRestaurantByExternalId(
            GetRestaurantByExternalIdRequest request, StreamObserver<GetRestaurantByExternalIdResponse> response) {
        String source = RestaurantMessages.source(request.getSource());
        require(source != null, "source");
        require(!request.getExternalId().isBlank(), "external_id");
        Restaurant found = catalog.findByExternalId(source, request.getExternalId())
                .orElseThrow(() -> ApiException.notFound(
                        RestaurantErrorCodes.RESTAURANT_NOT_FOUND,
                        "No restaurant from " + source + " has the external id " + request.getExternalId() + "."));
        answer(
                response,
                GetRestaurantByExternalIdResponse.newBuilder()
                        .setRestaurant(messages.restaurant(found))
                        .build());
    }

    @Override
    public void updateRestaurant(UpdateRestaurantRequest request, StreamObserver<UpdateRestaurantResponse> response) {
        require(request.hasRestaurant(), "restaurant");
        require(request.hasUpdateMask() && request.getUpdateMask().getPathsCount() > 0, "update_mask");
        UUID id = RestaurantRules.id("restaurant.id", request.getRestaurant().getId());
        JsonNode given = json.valueToTree(messages.fields(request.getRestaurant()));
        ObjectNode patch = json.createObjectNode();
        for (String path : request.getUpdateMask().getPathsList()) {
            patch.set(path, given.has(path) ? given.get(path) : json.nullNode());
        }
        Restaurant updated = catalog.update(id, patch, true);
        answer(
                response,
                UpdateRestaurantResponse.newBuilder()
                        .setRestaurant(messages.restaurant(updated))
                        .build());
    }

    @Override
    public void deleteRestaurant(DeleteRestaurantRequest request, StreamObserver<DeleteRestaurantResponse> response) {
        catalog.delete(RestaurantRules.id("id", request.getId()));
        answer(response, DeleteRestaurantResponse.getDefaultInstance());
    }

    @Override
    public void searchRestaurants(
            SearchRestaurantsRequest request, StreamObserver<SearchRestaurantsResponse> response) {
        Paging paging = paging(request.hasPage(), request.getPage());
        RestaurantQuery query = RestaurantQuery.parse(
                request.getQuery(),
                request.getArea(),
                request.getCuisine(),
                request.hasMinRating() ? Double.toString(request.getMinRating()) : null,
                switch (request.getSort()) {
                    case RESTAURANT_SORT_UNSPECIFIED, UNRECOGNIZED -> null;
                    default ->
                        request.getSort()
                                .name()
                                .substring("RESTAURANT_SORT_".length())
                                .toLowerCase(Locale.ROOT);
                },
                request.hasLatitude() ? Double.toString(request.getLatitude()) : null,
                request.hasLongitude() ? Double.toString(request.getLongitude()) : null,
                request.hasRadiusM() ? Integer.toString(request.getRadiusM()) : null,
                Integer.toString(paging.page()),
                Integer.toString(paging.size()));
        Page<Restaurant> found = catalog.search(query);
        answer(
                response,
                SearchRestaurantsResponse.newBuilder()
                        .addAllRestaurants(
                                found.items().stream().map(messages::restaurant).toList())
                        .setPage(RestaurantMessages.page(found))
                        .build());
    }

    @Override
    public void listRestaurants(ListRestaurantsRequest request, StreamObserver<ListRestaurantsResponse> response) {
        Paging paging = paging(request.hasPage(), request.getPage());
        Page<Restaurant> found = catalog.search(RestaurantQuery.newest(paging));
        answer(
                response,
                ListRestaurantsResponse.newBuilder()
                        .addAllRestaurants(
                                found.items().stream().map(messages::restaurant).toList())
                        .setPage(RestaurantMessages.page(found))
                        .build());
    }

    @Override
    public void addFavorite(AddFavoriteRequest request, StreamObserver<AddFavoriteResponse> response) {
        Favorite.Saved saved = favorites.save(
                actingFor(RestaurantRules.id("user_id", request.getUserId())),
                RestaurantRules.id("restaurant_id", request.getRestaurantId()),
                request.hasNotes() ? request.getNotes() : null,
                request.hasTags() ? request.getTags().getValuesList() : null);
        answer(
                response,
                AddFavoriteResponse.newBuilder()
                        .setFavorite(messages.favorite(saved.favorite()))
                        .setCreated(saved.created())
                        .build());
    }

    @Override
    public void removeFavorite(RemoveFavoriteRequest request, StreamObserver<RemoveFavoriteResponse> response) {
        favorites.remove(
                actingFor(RestaurantRules.id("user_id", request.getUserId())),
                RestaurantRules.id("restaurant_id", request.getRestaurantId()));
        answer(response, RemoveFavoriteResponse.getDefaultInstance());
    }

    @Override
    public void listFavorites(ListFavoritesRequest request, StreamObserver<ListFavoritesResponse> response) {
        Page<Favorite> page = favorites.list(
                actingFor(RestaurantRules.id("user_id", request.getUserId())),
                paging(request.hasPage(), request.getPage()));
        answer(
                response,
                ListFavoritesResponse.newBuilder()
                        .addAllFavorites(
                                page.items().stream().map(messages::favorite).toList())
                        .setPage(RestaurantMessages.page(page))
                        .build());
    }

    private static Paging paging(boolean given, PageRequest page) {
        return given ? Paging.of(page.getPage(), page.getSize()) : new Paging(0, Paging.DEFAULT_SIZE);
    }

    private static void require(boolean present, String field) {
        if (!present) {
            throw ApiException.validation(
                    "The request is missing " + field + ".", List.of(new FieldProblem(field, "is required")));
        }
    }

    private static <T> void answer(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }

    /** The message's user, when the caller is that user or an administrator: 403 otherwise. */
    private static UUID actingFor(UUID userId) {
        if (GrpcCaller.current()
                .map(caller -> caller.mayActFor(userId.toString()))
                .orElse(false)) {
            return userId;
        }
        throw new ApiException(HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, "You may only use your own favourites.");
    }
}
