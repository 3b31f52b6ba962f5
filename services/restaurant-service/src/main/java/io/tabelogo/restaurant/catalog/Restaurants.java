package io.tabelogo.restaurant.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code restaurants} table. Every read sees live rows only; deleting stamps {@code deleted_at}. */
@Repository
class Restaurants {

    private static final String COLUMNS = "id, name, name_ja, area, source, external_id, address, latitude, longitude, "
            + "rating, price_range, cuisine_type, phone, website, opening_hours, metadata, tabelog_url, tabelog_rating, "
            + "tabelog_review_count, tabelog_updated_at, view_count, created_at, updated_at";
    private static final String WRITABLE = "name, name_ja, area, source, external_id, address, latitude, longitude, "
            + "rating, price_range, cuisine_type, phone, website, opening_hours, metadata";
    private static final String VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb";
    /** Great-circle distance in metres from the point given as the first two parameters (lat, lng). */
    private static final String DISTANCE = "(6371000 * 2 * asin(sqrt(power(sin(radians(latitude - ?) / 2), 2) "
            + "+ cos(radians(?)) * cos(radians(latitude)) * power(sin(radians(longitude - ?) / 2), 2))))";

    private static final double METRES_PER_DEGREE = 111_320;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Restaurants(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts a new row; a live row with the same source and external id fails with DuplicateKeyException. */
    Restaurant insert(RestaurantFields fields) {
        return jdbc.sql("INSERT INTO restaurants (id, " + WRITABLE + ") VALUES (?, " + VALUES + ") RETURNING "
                        + COLUMNS)
                .params(withId(UUID.randomUUID(), fields))
                .query(this::restaurant)
                .single();
    }

    /**
     * Inserts the place, or fully refreshes the live row of the same source and external id: one statement, so
     * two concurrent quick searches for a new place leave one row.
     */
    Restaurant upsert(RestaurantFields fields) {
        return jdbc.sql("INSERT INTO restaurants (id, " + WRITABLE + ", synced_at) VALUES (?, " + VALUES + ", now()) "
                        + "ON CONFLICT (source, external_id) WHERE deleted_at IS NULL AND external_id IS NOT NULL "
                        + "DO UPDATE SET name = EXCLUDED.name, name_ja = coalesce(restaurants.name_ja, EXCLUDED.name_ja), "
                        + "area = EXCLUDED.area, address = EXCLUDED.address, latitude = EXCLUDED.latitude, "
                        + "longitude = EXCLUDED.longitude, rating = EXCLUDED.rating, price_range = EXCLUDED.price_range, "
                        + "cuisine_type = EXCLUDED.cuisine_type, phone = EXCLUDED.phone, website = EXCLUDED.website, "
                        + "opening_hours = EXCLUDED.opening_hours, metadata = EXCLUDED.metadata, updated_at = now(), "
                        + "synced_at = now() "
                        + "RETURNING " + COLUMNS)
                .params(withId(UUID.randomUUID(), fields))
                .query(this::restaurant)
                .single();
    }

    Optional<Restaurant> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM restaurants WHERE id = ? AND deleted_at IS NULL")
                .param(id)
                .query(this::restaurant)
                .optional();
    }

    Optional<Restaurant> findByExternalId(String source, String externalId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM restaurants "
                        + "WHERE source = ? AND external_id = ? AND deleted_at IS NULL")
                .params(source, externalId)
                .query(this::restaurant)
                .optional();
    }

    /** Overwrites the writable fields; empty when no live row has the id. */
    /**
     * Overwrites the writable fields; {@code nameJaByUser} records who set {@code name_ja} when the change names it
     * (true: a user who is not an admin), null when it does not.
     */
    Optional<Restaurant> update(UUID id, RestaurantFields fields, Boolean nameJaByUser) {
        List<Object> params = new ArrayList<>(Arrays.asList(fieldValues(fields)));
        params.add(nameJaByUser);
        params.add(id);
        return jdbc.sql("UPDATE restaurants SET (" + WRITABLE + ", updated_at) = (" + VALUES + ", now()), "
                        + "name_ja_by_user = coalesce(?, name_ja_by_user) "
                        + "WHERE id = ? AND deleted_at IS NULL RETURNING " + COLUMNS)
                .params(params)
                .query(this::restaurant)
                .optional();
    }

    /** The restaurant's Japanese name unless a user who is not an admin typed it (then it vouches for nothing). */
    Optional<String> vouchedNameJa(UUID id) {
        return jdbc.sql("SELECT name_ja FROM restaurants WHERE id = ? AND NOT name_ja_by_user AND name_ja IS NOT NULL")
                .param(id)
                .query(String.class)
                .optional();
    }

    boolean softDelete(UUID id) {
        return jdbc.sql("UPDATE restaurants SET deleted_at = now(), updated_at = now() "
                                + "WHERE id = ? AND deleted_at IS NULL")
                        .param(id)
                        .update()
                > 0;
    }

    boolean exists(UUID id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM restaurants WHERE id = ? AND deleted_at IS NULL)")
                .param(id)
                .query(Boolean.class)
                .single();
    }

    /** Adds buffered view counts, one statement for the whole batch. */
    void addViews(Map<UUID, Long> views) {
        UUID[] ids = views.keySet().toArray(UUID[]::new);
        Long[] counts = views.values().toArray(Long[]::new);
        jdbc.sql("UPDATE restaurants r SET view_count = r.view_count + v.n "
                        + "FROM unnest(?::uuid[], ?::bigint[]) AS v(id, n) WHERE r.id = v.id")
                .params(ids, counts)
                .update();
    }

    /** Every live id, streamed (for rebuilding the id filter). */
    void eachLiveId(Consumer<UUID> action) {
        jdbc.sql("SELECT id FROM restaurants WHERE deleted_at IS NULL").query((ResultSet row) -> {
            action.accept(row.getObject(1, UUID.class));
        });
    }

    /** Live ids created at or after {@code since} (catching up with rows written during a filter rebuild). */
    List<UUID> idsCreatedSince(Instant since) {
        return jdbc.sql("SELECT id FROM restaurants WHERE created_at >= ? AND deleted_at IS NULL")
                .param(OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .query(UUID.class)
                .list();
    }

    /** An id the shared filter may lack (adding it failed); listed until the filter's next rebuild. */
    void noteFilterMiss(UUID id) {
        jdbc.sql("INSERT INTO restaurant_id_filter_misses (id) VALUES (?) ON CONFLICT DO NOTHING")
                .param(id)
                .update();
    }

    boolean filterMissesExist() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM restaurant_id_filter_misses)")
                .query(Boolean.class)
                .single();
    }

    /** Forgets the misses noted before {@code before}: a rebuild that started after them holds their ids. */
    void forgetFilterMisses(Instant before) {
        jdbc.sql("DELETE FROM restaurant_id_filter_misses WHERE noted_at < ?")
                .param(OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
                .update();
    }

    /** When the row's place data was last fetched from map-service; empty for rows never fetched. */
    Optional<Instant> syncedAt(UUID id) {
        return jdbc.sql("SELECT synced_at FROM restaurants WHERE id = ? AND synced_at IS NOT NULL")
                .param(id)
                .query(OffsetDateTime.class)
                .optional()
                .map(OffsetDateTime::toInstant);
    }

    Instant databaseNow() {
        return jdbc.sql("SELECT now()").query(OffsetDateTime.class).single().toInstant();
    }

    Page<Restaurant> search(RestaurantQuery query) {
        StringBuilder where = new StringBuilder(" WHERE deleted_at IS NULL");
        List<Object> params = new ArrayList<>();
        if (query.text() != null) {
            where.append(" AND (name ILIKE ? ESCAPE '\\' OR name_ja ILIKE ? ESCAPE '\\' OR area ILIKE ? ESCAPE '\\'"
                    + " OR cuisine_type ILIKE ? ESCAPE '\\')");
            String pattern = containing(query.text());
            params.addAll(List.of(pattern, pattern, pattern, pattern));
        }
        if (query.area() != null) {
            where.append(" AND area ILIKE ? ESCAPE '\\'");
            params.add(containing(query.area()));
        }
        if (query.cuisine() != null) {
            where.append(" AND cuisine_type ILIKE ? ESCAPE '\\'");
            params.add(containing(query.cuisine()));
        }
        if (query.minRating() != null) {
            where.append(" AND rating >= ?");
            params.add(query.minRating());
        }
        if (query.radiusMeters() != null) {
            double lat = query.latitude();
            double lng = query.longitude();
            double dLat = query.radiusMeters() / METRES_PER_DEGREE;
            where.append(" AND latitude BETWEEN ? AND ?");
            params.addAll(List.of(lat - dLat, lat + dLat));
            double cos = Math.cos(Math.toRadians(lat));
            double dLng = cos > 0.01 ? query.radiusMeters() / (METRES_PER_DEGREE * cos) : 360;
            if (lng - dLng >= -180 && lng + dLng <= 180) { // across the antimeridian or a pole: distance alone decides
                where.append(" AND longitude BETWEEN ? AND ?");
                params.addAll(List.of(lng - dLng, lng + dLng));
            }
            where.append(" AND ").append(DISTANCE).append(" <= ?");
            params.addAll(List.of(lat, lat, lng, query.radiusMeters()));
        }
        long total = jdbc.sql("SELECT count(*) FROM restaurants" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Object> pageParams = new ArrayList<>(params);
        String order = switch (query.sortOrDefault()) {
            case RATING -> "rating DESC NULLS LAST, id";
            case NAME -> "name, id";
            case CREATED_AT -> "created_at DESC, id";
            case DISTANCE -> {
                pageParams.addAll(List.of(query.latitude(), query.latitude(), query.longitude()));
                yield DISTANCE + " NULLS LAST, id";
            }
        };
        pageParams.addAll(List.of(query.size(), (long) query.page() * query.size()));
        List<Restaurant> rows = jdbc.sql(
                        "SELECT " + COLUMNS + " FROM restaurants" + where + " ORDER BY " + order + " LIMIT ? OFFSET ?")
                .params(pageParams)
                .query(this::restaurant)
                .list();
        return new Page<>(rows, query.page(), query.size(), total);
    }

    /** A LIKE pattern matching the text anywhere, its own % _ and \ taken literally. */
    static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private Object[] withId(UUID id, RestaurantFields fields) {
        Object[] values = fieldValues(fields);
        Object[] all = new Object[values.length + 1];
        all[0] = id;
        System.arraycopy(values, 0, all, 1, values.length);
        return all;
    }

    private Object[] fieldValues(RestaurantFields f) {
        return new Object[] {
            f.name(),
            f.nameJa(),
            f.area(),
            f.source(),
            f.externalId(),
            f.address(),
            f.latitude(),
            f.longitude(),
            f.rating(),
            f.priceRange(),
            f.cuisineType(),
            f.phone(),
            f.website(),
            jsonObject(f.openingHours()),
            jsonObject(f.metadata())
        };
    }

    private String jsonObject(JsonNode node) {
        return node == null || node.isNull() ? "{}" : json.writeValueAsString(node);
    }

    private Restaurant restaurant(ResultSet row, int rowNumber) throws SQLException {
        return new Restaurant(
                row.getObject("id", UUID.class),
                row.getString("name"),
                row.getString("name_ja"),
                row.getString("area"),
                row.getString("source"),
                row.getString("external_id"),
                row.getString("address"),
                nullableDouble(row, "latitude"),
                nullableDouble(row, "longitude"),
                nullableDouble(row, "rating"),
                row.getString("price_range"),
                row.getString("cuisine_type"),
                row.getString("phone"),
                row.getString("website"),
                json.readTree(row.getString("opening_hours")),
                json.readTree(row.getString("metadata")),
                row.getString("tabelog_url"),
                nullableDouble(row, "tabelog_rating"),
                row.getObject("tabelog_review_count", Integer.class),
                instant(row, "tabelog_updated_at"),
                row.getLong("view_count"),
                instant(row, "created_at"),
                instant(row, "updated_at"));
    }

    private static Double nullableDouble(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
