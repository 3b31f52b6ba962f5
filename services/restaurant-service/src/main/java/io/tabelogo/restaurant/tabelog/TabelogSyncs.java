package io.tabelogo.restaurant.tabelog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code tabelog_syncs} ledger and the {@code tabelog_*} columns of restaurants that it fills. */
@Repository
class TabelogSyncs {

    private final JdbcClient jdbc;

    TabelogSyncs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the event; false when its event id or job id was recorded before (a redelivery). */
    boolean record(ScrapeCompleted event, UUID restaurantId, String outcome) {
        return jdbc.sql("INSERT INTO tabelog_syncs (job_id, event_id, restaurant_id, outcome) VALUES (?, ?, ?, ?) "
                                + "ON CONFLICT DO NOTHING")
                        .params(event.jobId(), event.eventId(), restaurantId, outcome)
                        .update()
                > 0;
    }

    void storeMatch(UUID restaurantId, ScrapeCompleted.Result match, Instant completedAt) {
        jdbc.sql("UPDATE restaurants SET tabelog_url = ?, tabelog_rating = ?, tabelog_review_count = ?, "
                        + "tabelog_updated_at = ? WHERE id = ? AND deleted_at IS NULL")
                .params(match.link(), match.rating(), match.ratingCount(), Timestamp.from(completedAt), restaurantId)
                .update();
    }
}
