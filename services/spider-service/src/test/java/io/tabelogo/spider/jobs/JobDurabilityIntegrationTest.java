package io.tabelogo.spider.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tabelogo.spider.SpiderServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Jobs live in PostgreSQL: they survive a stopped or crashed instance and run once across replicas. */
class JobDurabilityIntegrationTest extends SpiderServiceIntegrationTest {

    @Autowired
    JobWorkers workers;

    @AfterEach
    void workersBack() {
        if (!workers.isRunning()) {
            workers.start();
        }
    }

    @Test
    void aCrashedWorkersJobIsTakenOverOnceItsLeaseExpires() {
        UUID id = UUID.randomUUID();
        // What a replica that died mid-job leaves behind: RUNNING, lease run out.
        jdbc.sql("""
                        INSERT INTO scrape_jobs (id, google_id, search_key, place_name, area, max_results, status,
                                                 attempts, started_at, lease_until)
                        VALUES (:id, :googleId, :searchKey, 'Crashed', 'Shibuya', 2, 'RUNNING', 1,
                                now() - interval '2 minutes', now() - interval '1 second')""")
                .param("id", id)
                .param("googleId", newPlaceId())
                .param("searchKey", ScrapeRequest.searchKey("Crashed", "Shibuya", 2))
                .update();

        JsonNode job = finished(id.toString());

        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(attempts(id)).isEqualTo(2);
        assertThat(outboxRows(id)).isEqualTo(1);
    }

    @Test
    void aJobCutShortByAStoppingInstanceIsFinishedExactlyOnceByAnother() {
        workers.stop(); // only the second instance works at first
        TABELOG.delay(Duration.ofMillis(150)); // eleven pages: well over a second
        String name = "Interrupted " + UUID.randomUUID();
        UUID id;
        try (ConfigurableApplicationContext second = secondInstance()) {
            HttpResponse<String> accepted = send(HttpRequestFor.scrape(port(), asUser, newPlaceId(), name));
            id = UUID.fromString(json(accepted).get("job_id").asString());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> TABELOG.requestsTo("/tokyo/A1303/A1303") > 0 && "RUNNING".equals(status(id)));
        } // stopped mid-job: the job is given back

        assertThat(status(id)).isEqualTo("PENDING");
        TABELOG.heal();
        workers.start();
        JsonNode job = finished(id.toString());

        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("results")).hasSize(10);
        assertThat(attempts(id)).isEqualTo(2);
        assertThat(outboxRows(id)).isEqualTo(1);
        assertThat(TABELOG.searchRequests(name)).isEqualTo(2); // once per attempt
    }

    @Test
    void twoInstancesSharingTheDatabaseRunEachJobOnce() {
        TABELOG.delay(Duration.ofMillis(40));
        List<String> names = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        try (ConfigurableApplicationContext second = secondInstance()) {
            int secondPort = Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port"));
            for (int i = 0; i < 8; i++) {
                String name = "Shared " + i + " " + UUID.randomUUID();
                // half the requests reach each instance, as behind a load balancer
                int port = i % 2 == 0 ? port() : secondPort;
                HttpResponse<String> accepted = send(HttpRequestFor.scrape(port, asUser, newPlaceId(), name));
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                names.add(name);
                ids.add(UUID.fromString(json(accepted).get("job_id").asString()));
            }
            for (UUID id : ids) {
                assertThat(finished(id.toString()).get("status").asString()).isEqualTo("COMPLETED");
            }
            double secondCompleted = second.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                    .counter("spider.jobs", "status", "completed")
                    .count();
            assertThat(secondCompleted)
                    .as("jobs the second instance ran")
                    .isPositive()
                    .isLessThan(8);
        }
        for (int i = 0; i < ids.size(); i++) {
            assertThat(attempts(ids.get(i))).isEqualTo(1);
            assertThat(outboxRows(ids.get(i))).isEqualTo(1);
            assertThat(TABELOG.searchRequests(names.get(i))).isEqualTo(1);
        }
    }

    private String status(UUID id) {
        return jdbc.sql("SELECT status FROM scrape_jobs WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    @Test
    void leaseRenewalsRacingJobsThatJustFinishedNeverCostAClaim() {
        workers.stop();
        List<UUID> ids = new ArrayList<>();
        // Renewals every 300 ms against jobs that end every few milliseconds: a renewal that finds its job just
        // completed must not interrupt the worker, which by then is claiming its next job from PostgreSQL.
        try (ConfigurableApplicationContext busy =
                secondInstance(Map.of("tabelogo.spider.lease", "900ms", "tabelogo.spider.workers", "4"))) {
            int busyPort = Integer.parseInt(busy.getEnvironment().getRequiredProperty("local.server.port"));
            for (int i = 0; i < 40; i++) {
                HttpResponse<String> accepted = send(
                        HttpRequestFor.scrape(busyPort, asUser, newPlaceId(), "Busy " + i + " " + UUID.randomUUID()));
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                ids.add(UUID.fromString(json(accepted).get("job_id").asString()));
            }
            for (UUID id : ids) {
                assertThat(finished(id.toString()).get("status").asString()).isEqualTo("COMPLETED");
            }
        }
        assertThat(ids)
                .allSatisfy(
                        id -> assertThat(attempts(id)).as("claims of job " + id).isEqualTo(1));
    }

    private int attempts(UUID id) {
        return jdbc.sql("SELECT attempts FROM scrape_jobs WHERE id = ?")
                .param(id)
                .query(Integer.class)
                .single();
    }

    private long outboxRows(UUID id) {
        return jdbc.sql("SELECT count(*) FROM scrape_outbox WHERE job_id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }

    /** A scrape request to any instance. */
    private static final class HttpRequestFor {
        static java.net.http.HttpRequest scrape(int port, String[] auth, String googleId, String name) {
            return java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/spider/scrape"))
                    .timeout(Duration.ofSeconds(20))
                    .header(auth[0], auth[1])
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                            {"google_id": "%s", "place_name": "%s", "area": "Shibuya"}""".formatted(googleId, name)))
                    .build();
        }
    }
}
