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

    void recordOutcome(ScrapeCompleted event, String outcome) {
        jdbc.sql("UPDATE tabelog_syncs SET outcome = ? WHERE job_id = ?")
                .params(outcome, event.jobId())
                .update();
    }

    /** Stores the match unless the restaurant has Tabelog data of a later scrape; whether it did. */
    boolean storeMatch(UUID restaurantId, ScrapeCompleted.Result match, Instant completedAt) {
        return jdbc.sql("UPDATE restaurants SET tabelog_url = ?, tabelog_rating = ?, tabelog_review_count = ?, "
                                + "tabelog_updated_at = ? WHERE id = ? AND deleted_at IS NULL "
                                + "AND (tabelog_updated_at IS NULL OR tabelog_updated_at <= ?)")
                        .params(
                                match.link(),
                                match.rating(),
                                match.ratingCount(),
                                Timestamp.from(completedAt),
                                restaurantId,
                                Timestamp.from(completedAt))
                        .update()
                > 0;
    }
}
