package io.tabelogo.restaurant.favorites;

import io.tabelogo.restaurant.catalog.Page;
import io.tabelogo.restaurant.catalog.Paging;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code favorites} table, read with a summary of each restaurant. Removing stamps {@code deleted_at}. */
@Repository
class Favorites {

    private static final String SELECT = "SELECT f.id, f.user_id, f.restaurant_id, f.notes, f.tags, f.visit_count, "
            + "f.last_visited_at, f.created_at, f.updated_at, r.name, r.name_ja, r.area, r.cuisine_type, r.rating, "
            + "r.price_range FROM favorites f JOIN restaurants r ON r.id = f.restaurant_id AND r.deleted_at IS NULL "
            + "WHERE f.deleted_at IS NULL";

    private final JdbcClient jdbc;

    Favorites(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the favourite, or updates its notes (when {@code setNotes}) and tags (when not null): one statement, so
     * concurrent saves leave one row. Empty when no live restaurant has the id.
     */
    Optional<Favorite.Saved> save(UUID userId, UUID restaurantId, boolean setNotes, String notes, List<String> tags) {
        Optional<SaveResult> result = jdbc.sql("INSERT INTO favorites (id, user_id, restaurant_id, notes, tags) "
                        + "SELECT ?, ?, r.id, ?, ? FROM restaurants r WHERE r.id = ? AND r.deleted_at IS NULL "
                        + "ON CONFLICT (user_id, restaurant_id) WHERE deleted_at IS NULL DO UPDATE SET "
                        + "notes = CASE WHEN ? THEN EXCLUDED.notes ELSE favorites.notes END, "
                        + "tags = CASE WHEN ? THEN EXCLUDED.tags ELSE favorites.tags END, updated_at = now() "
                        + "RETURNING id, (xmax = 0) AS created")
                .params(
                        UUID.randomUUID(),
                        userId,
                        notes,
                        (tags == null ? List.<String>of() : tags).toArray(String[]::new),
                        restaurantId,
                        setNotes,
                        tags != null)
                .query((row, n) -> new SaveResult(row.getObject("id", UUID.class), row.getBoolean("created")))
                .optional();
        return result.map(saved -> new Favorite.Saved(find(saved.id()).orElseThrow(), saved.created()));
    }

    private record SaveResult(UUID id, boolean created) {}

    boolean remove(UUID userId, UUID restaurantId) {
        return jdbc.sql("UPDATE favorites SET deleted_at = now(), updated_at = now() "
                                + "WHERE user_id = ? AND restaurant_id = ? AND deleted_at IS NULL")
                        .params(userId, restaurantId)
                        .update()
                > 0;
    }

    /** Counts a visit; empty when the restaurant is not a favourite of the user. */
    Optional<Favorite> visit(UUID userId, UUID restaurantId) {
        return jdbc.sql("UPDATE favorites SET visit_count = visit_count + 1, last_visited_at = now(), "
                        + "updated_at = now() WHERE user_id = ? AND restaurant_id = ? AND deleted_at IS NULL "
                        + "RETURNING id")
                .params(userId, restaurantId)
                .query(UUID.class)
                .optional()
                .flatMap(this::find);
    }

    /** Newest first. */
    Page<Favorite> list(UUID userId, Paging paging) {
        long total = jdbc.sql("SELECT count(*) FROM favorites f JOIN restaurants r ON r.id = f.restaurant_id "
                        + "AND r.deleted_at IS NULL WHERE f.deleted_at IS NULL AND f.user_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
        List<Favorite> items = jdbc.sql(SELECT + " AND f.user_id = ? ORDER BY f.created_at DESC, f.id LIMIT ? OFFSET ?")
                .params(userId, paging.size(), paging.offset())
                .query(Favorites::favorite)
                .list();
        return new Page<>(items, paging.page(), paging.size(), total);
    }

    private Optional<Favorite> find(UUID id) {
        return jdbc.sql(SELECT + " AND f.id = ?")
                .param(id)
                .query(Favorites::favorite)
                .optional();
    }

    private static Favorite favorite(ResultSet row, int rowNumber) throws SQLException {
        Array tags = row.getArray("tags");
        double rating = row.getDouble("rating");
        Double nullableRating = row.wasNull() ? null : rating;
        UUID restaurantId = row.getObject("restaurant_id", UUID.class);
        return new Favorite(
                row.getObject("id", UUID.class),
                row.getObject("user_id", UUID.class),
                restaurantId,
                row.getString("notes"),
                List.of((String[]) tags.getArray()),
                row.getInt("visit_count"),
                instant(row, "last_visited_at"),
                instant(row, "created_at"),
                instant(row, "updated_at"),
                new Favorite.RestaurantSummary(
                        restaurantId,
                        row.getString("name"),
                        row.getString("name_ja"),
                        row.getString("area"),
                        row.getString("cuisine_type"),
                        nullableRating,
                        row.getString("price_range")));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
