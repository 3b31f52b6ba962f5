package io.tabelogo.spider.jobs;

import io.tabelogo.spider.scraper.TabelogRestaurant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code scrape_jobs} table. Times come from PostgreSQL's clock, the one clock every replica shares, so leases
 * compare correctly whatever the replicas' clocks say. Every change made by a worker names the attempt its claim
 * set: a worker that lost its lease (another replica claimed the job) changes nothing.
 */
@Repository
class ScrapeJobs {

    private static final String ACTIVE = "status IN ('PENDING', 'RUNNING')";
    private static final TypeReference<List<TabelogRestaurant>> RESULTS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ScrapeJobs(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * A new PENDING job asked for by {@code requester} (null for an internal caller), or null when the same search
     * of the place already has a PENDING or RUNNING one.
     */
    ScrapeJob insertUnlessActive(ScrapeRequest request, String requester) {
        return jdbc.sql("""
                        INSERT INTO scrape_jobs (id, google_id, search_key, place_name, place_name_ja, area,
                                                 max_results, status, requested_by)
                        VALUES (:id, :googleId, :searchKey, :placeName, :placeNameJa, :area, :maxResults,
                                'PENDING', :requester)
                        ON CONFLICT (google_id, search_key) WHERE %s DO NOTHING
                        RETURNING *""".formatted(ACTIVE))
                .param("id", UUID.randomUUID())
                .param("googleId", request.googleId())
                .param("searchKey", request.searchKey())
                .param("placeName", request.placeName())
                .param("placeNameJa", request.placeNameJa())
                .param("area", request.area())
                .param("maxResults", request.maxResults())
                .param("requester", requester)
                .query(this::job)
                .optional()
                .orElse(null);
    }

    Optional<ScrapeJob> findActive(String googleId, String searchKey) {
        return jdbc.sql("SELECT * FROM scrape_jobs WHERE google_id = :googleId AND search_key = :searchKey AND "
                        + ACTIVE)
                .param("googleId", googleId)
                .param("searchKey", searchKey)
                .query(this::job)
                .optional();
    }

    /**
     * Takes the requester's lock until the transaction ends, so that one user's concurrent requests are counted
     * one after another against the quotas.
     */
    void lockRequester(String requester) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:requester, 0))")
                .param("requester", "scrape-quota:" + requester)
                .query((row, n) -> 1)
                .list();
    }

    /** The requester's PENDING/RUNNING jobs, and jobs created within the last {@code window}. */
    RequesterLoad load(String requester, Duration window) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE %s) AS active,
                               count(*) FILTER (WHERE created_at > now() - make_interval(secs => :window)) AS recent,
                               ceil(extract(epoch FROM min(created_at) FILTER (
                                   WHERE created_at > now() - make_interval(secs => :window))
                                   + make_interval(secs => :window) - now())) AS recent_ends_in
                        FROM scrape_jobs WHERE requested_by = :requester""".formatted(ACTIVE))
                .param("requester", requester)
                .param("window", seconds(window))
                .query((row, n) ->
                        new RequesterLoad(row.getInt("active"), row.getInt("recent"), row.getLong("recent_ends_in")))
                .single();
    }

    /** @param recentEndsIn seconds until the oldest job of the window leaves it */
    record RequesterLoad(int active, int recent, long recentEndsIn) {}

    Optional<ScrapeJob> find(UUID id) {
        return jdbc.sql("SELECT * FROM scrape_jobs WHERE id = :id")
                .param("id", id)
                .query(this::job)
                .optional();
    }

    /**
     * Claims the oldest PENDING job, or a RUNNING one whose lease expired, for {@code lease}. Rows other workers
     * hold are skipped, not waited for, so replicas never block each other or take the same job.
     */
    Optional<ScrapeJob> claimNext(Duration lease, int maxAttempts) {
        return jdbc.sql("""
                        UPDATE scrape_jobs
                        SET status = 'RUNNING', attempts = attempts + 1, started_at = now(),
                            lease_until = now() + make_interval(secs => :lease)
                        WHERE id = (SELECT id FROM scrape_jobs
                                    WHERE status = 'PENDING'
                                       OR (status = 'RUNNING' AND lease_until < now() AND attempts < :maxAttempts)
                                    ORDER BY created_at
                                    LIMIT 1
                                    FOR UPDATE SKIP LOCKED)
                        RETURNING *""")
                .param("lease", seconds(lease))
                .param("maxAttempts", maxAttempts)
                .query(this::job)
                .optional();
    }

    /** Fails RUNNING jobs that lost their worker {@code maxAttempts} times: something about them kills workers. */
    List<ScrapeJob> abandonExhausted(int maxAttempts) {
        return jdbc.sql("""
                        UPDATE scrape_jobs
                        SET status = 'FAILED', lease_until = NULL, completed_at = now(),
                            error = 'abandoned: its worker stopped without finishing ' || attempts || ' times'
                        WHERE id IN (SELECT id FROM scrape_jobs
                                     WHERE status = 'RUNNING' AND lease_until < now() AND attempts >= :maxAttempts
                                     FOR UPDATE SKIP LOCKED)
                        RETURNING *""").param("maxAttempts", maxAttempts).query(this::job).list();
    }

    /** Extends the claim; false when the job is no longer this attempt's. */
    boolean renewLease(ScrapeJob claimed, Duration lease) {
        return jdbc.sql("""
                        UPDATE scrape_jobs SET lease_until = now() + make_interval(secs => :lease)
                        WHERE id = :id AND status = 'RUNNING' AND attempts = :attempt""")
                        .param("lease", seconds(lease))
                        .param("id", claimed.id())
                        .param("attempt", claimed.attempts())
                        .update()
                == 1;
    }

    /** COMPLETED with its results; empty when the job is no longer this attempt's. Call inside a transaction. */
    Optional<ScrapeJob> complete(ScrapeJob claimed, List<TabelogRestaurant> results) {
        return jdbc.sql("""
                        UPDATE scrape_jobs
                        SET status = 'COMPLETED', results = CAST(:results AS jsonb), lease_until = NULL, completed_at = now()
                        WHERE id = :id AND status = 'RUNNING' AND attempts = :attempt
                        RETURNING *""")
                .param("results", json.writeValueAsString(results))
                .param("id", claimed.id())
                .param("attempt", claimed.attempts())
                .query(this::job)
                .optional();
    }

    Optional<ScrapeJob> fail(ScrapeJob claimed, String error) {
        return jdbc.sql("""
                        UPDATE scrape_jobs
                        SET status = 'FAILED', error = :error, lease_until = NULL, completed_at = now()
                        WHERE id = :id AND status = 'RUNNING' AND attempts = :attempt
                        RETURNING *""")
                .param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .param("id", claimed.id())
                .param("attempt", claimed.attempts())
                .query(this::job)
                .optional();
    }

    /** Back to PENDING for another worker (this replica is shutting down). */
    boolean release(ScrapeJob claimed) {
        return jdbc.sql("""
                        UPDATE scrape_jobs SET status = 'PENDING', lease_until = NULL, started_at = NULL
                        WHERE id = :id AND status = 'RUNNING' AND attempts = :attempt""")
                        .param("id", claimed.id())
                        .param("attempt", claimed.attempts())
                        .update()
                == 1;
    }

    long countPending() {
        return jdbc.sql("SELECT count(*) FROM scrape_jobs WHERE status = 'PENDING'")
                .query(Long.class)
                .single();
    }

    private ScrapeJob job(ResultSet row, int n) throws SQLException {
        String results = row.getString("results");
        return new ScrapeJob(
                row.getObject("id", UUID.class),
                row.getString("google_id"),
                row.getString("place_name"),
                row.getString("place_name_ja"),
                row.getString("area"),
                row.getInt("max_results"),
                JobStatus.valueOf(row.getString("status")),
                row.getInt("attempts"),
                row.getString("error"),
                results == null ? null : json.readValue(results, RESULTS),
                instant(row, "created_at"),
                instant(row, "started_at"),
                instant(row, "completed_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
