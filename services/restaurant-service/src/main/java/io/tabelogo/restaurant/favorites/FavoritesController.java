package io.tabelogo.restaurant.favorites;

import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ErrorCodes;
import io.tabelogo.platform.security.Roles;
import io.tabelogo.restaurant.catalog.Page;
import io.tabelogo.restaurant.catalog.Paging;
import io.tabelogo.restaurant.catalog.RestaurantRules;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Favourites belong to the token's user: {@code /me/...} never takes a user id from the request.
 * {@code /users/{user_id}/favorites} reads someone's list only for themselves or an admin (the first version let
 * anyone read or write anyone's favourites).
 */
@RestController
@RequestMapping("/api/v1")
class FavoritesController {

    private final UserFavorites favorites;

    FavoritesController(UserFavorites favorites) {
        this.favorites = favorites;
    }

    record FavoriteBody(String notes, List<String> tags) {}

    record FavoriteResponse(Favorite favorite) {}

    record FavoritesResponse(List<Favorite> favorites, int page, int size, long total) {}

    @GetMapping("/me/favorites")
    FavoritesResponse mine(
            @AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        return list(userId(token), Paging.parse(page, size));
    }

    @GetMapping("/users/{userId}/favorites")
    FavoritesResponse someones(
            @AuthenticationPrincipal Jwt token,
            @PathVariable String userId,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        UUID owner = RestaurantRules.id("user_id", userId);
        if (!owner.equals(userId(token)) && !Roles.isAdmin(token)) {
            throw new ApiException(HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, "These favourites are not yours.");
        }
        return list(owner, Paging.parse(page, size));
    }

    @PutMapping("/me/favorites/{restaurantId}")
    ResponseEntity<FavoriteResponse> save(
            @AuthenticationPrincipal Jwt token,
            @PathVariable String restaurantId,
            @RequestBody(required = false) FavoriteBody body) {
        FavoriteBody given = body == null ? new FavoriteBody(null, null) : body;
        Favorite.Saved saved = favorites.save(
                userId(token), RestaurantRules.id("restaurant_id", restaurantId), given.notes(), given.tags());
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new FavoriteResponse(saved.favorite()));
    }

    @DeleteMapping("/me/favorites/{restaurantId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@AuthenticationPrincipal Jwt token, @PathVariable String restaurantId) {
        favorites.remove(userId(token), RestaurantRules.id("restaurant_id", restaurantId));
    }

    @PostMapping("/me/favorites/{restaurantId}/visits")
    FavoriteResponse visit(@AuthenticationPrincipal Jwt token, @PathVariable String restaurantId) {
        return new FavoriteResponse(favorites.visit(userId(token), RestaurantRules.id("restaurant_id", restaurantId)));
    }

    private FavoritesResponse list(UUID userId, Paging paging) {
        Page<Favorite> page = favorites.list(userId, paging);
        return new FavoritesResponse(page.items(), page.page(), page.size(), page.total());
    }

    /** The token's subject; auth-service issues UUIDs, anything else is not one of our tokens. */
    private static UUID userId(Jwt token) {
        try {
            return UUID.fromString(token.getSubject());
        } catch (IllegalArgumentException | NullPointerException notOurs) {
            throw new ApiException(
                    HttpStatus.UNAUTHORIZED, ErrorCodes.AUTH_TOKEN_INVALID, "The token does not name a user.");
        }
    }
}
