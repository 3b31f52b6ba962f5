package io.tabelogo.spider.outbox;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where a feature leaves an event, inside the transaction of the change it reports, for {@link OutboxRelay} to
 * publish: either both the change and the event are stored, or neither.
 */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final OutboxRelay relay;

    Outbox(JdbcClient jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    /** Stores the event (JSON) about {@code jobId}; call inside the transaction that makes the change. */
    public void add(UUID eventId, UUID jobId, String event) {
        jdbc.sql("INSERT INTO scrape_outbox (event_id, job_id, event) VALUES (:eventId, :jobId, :event)")
                .param("eventId", eventId)
                .param("jobId", jobId)
                .param("event", event)
                .update();
    }

    /** Publish soon rather than at the next tick (call after the transaction committed). */
    public void publishSoon() {
        relay.wake();
    }
}
