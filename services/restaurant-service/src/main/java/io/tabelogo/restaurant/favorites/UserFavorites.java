package io.tabelogo.restaurant.favorites;

import io.tabelogo.platform.error.ApiException;
import io.tabelogo.restaurant.RestaurantErrorCodes;
import io.tabelogo.restaurant.catalog.Page;
import io.tabelogo.restaurant.catalog.Paging;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** A user's favourites. Callers decide whose favourites a request may touch; this does the rest. */
@Service
public class UserFavorites {

    private final Favorites favorites;

    UserFavorites(Favorites favorites) {
        this.favorites = favorites;
    }

    /**
     * Adds or updates. Null notes or tags keep what is stored; blank notes clear them, an empty list clears the
     * tags. 404 when the restaurant does not exist.
     */
    public Favorite.Saved save(UUID userId, UUID restaurantId, String notes, List<String> tags) {
        return favorites
                .save(
                        userId,
                        restaurantId,
                        notes != null,
                        notes == null ? null : FavoriteRules.notes(notes),
                        tags == null ? null : FavoriteRules.tags(tags))
                .orElseThrow(() -> RestaurantErrorCodes.restaurantNotFound(restaurantId));
    }

    public void remove(UUID userId, UUID restaurantId) {
        if (!favorites.remove(userId, restaurantId)) {
            throw notAFavorite(restaurantId);
        }
    }

    public Favorite visit(UUID userId, UUID restaurantId) {
        return favorites.visit(userId, restaurantId).orElseThrow(() -> notAFavorite(restaurantId));
    }

    public Page<Favorite> list(UUID userId, Paging paging) {
        return favorites.list(userId, paging);
    }

    private static ApiException notAFavorite(UUID restaurantId) {
        return ApiException.notFound(
                RestaurantErrorCodes.FAVORITE_NOT_FOUND, "The restaurant " + restaurantId + " is not a favourite.");
    }
}
