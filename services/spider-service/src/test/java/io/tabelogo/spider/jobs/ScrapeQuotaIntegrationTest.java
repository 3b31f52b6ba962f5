package io.tabelogo.spider.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tabelogo.spider.SpiderServiceIntegrationTest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Per-user quotas at their defaults (an application of its own): active jobs (3), jobs per hour (30), open streams
 * (5, across replicas); 429 QUOTA_EXCEEDED with Retry-After.
 */
@TestPropertySource(
        properties = {
            "tabelogo.spider.active-jobs-per-user=3",
            "tabelogo.spider.jobs-per-hour-per-user=30",
            "tabelogo.spider.streams-per-user=5"
        })
class ScrapeQuotaIntegrationTest extends SpiderServiceIntegrationTest {

    @Test
    void aUserWithThreeJobsUnderWayMustWaitButMayJoinOthersAndOthersMayAsk() {
        TABELOG.delay(Duration.ofMillis(1500)); // jobs stay under way
        String[] user = bearer(TOKENS.accessToken("busy-" + UUID.randomUUID()));
        List<String> places = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            places.add(newPlaceId());
            assertThat(scrapeAs(user, places.get(i), "Busy " + i).statusCode()).isEqualTo(202);
        }
        double rejectedBefore = metricSum("spider_quota_rejections_total", "quota=\"active_jobs\"");

        HttpResponse<String> refused = scrapeAs(user, newPlaceId(), "One too many");

        assertProblem(refused, 429, "QUOTA_EXCEEDED");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(metricSum("spider_quota_rejections_total", "quota=\"active_jobs\"") - rejectedBefore)
                .isEqualTo(1);
        // Joining a job under way costs nothing; another user is not held back.
        assertThat(scrapeAs(user, places.get(0), "Busy 0").statusCode()).isEqualTo(202);
        assertThat(scrapeAs(bearer(TOKENS.accessToken("other-" + UUID.randomUUID())), newPlaceId(), "Other")
                        .statusCode())
                .isEqualTo(202);
        assertThat(jdbc.sql("SELECT count(*) FROM scrape_jobs WHERE place_name = 'One too many'")
                        .query(Long.class)
                        .single())
                .as("nothing stored for the refused request")
                .isZero();
    }

    @Test
    void aUserWhoStartedThirtyJobsThisHourIsToldWhenTheFirstLeavesTheHour() {
        String requester = "hourly-" + UUID.randomUUID();
        for (int i = 0; i < 30; i++) { // finished jobs of the last 50 minutes
            jdbc.sql("""
                            INSERT INTO scrape_jobs (id, google_id, search_key, place_name, area, max_results, status,
                                                     created_at, completed_at, requested_by)
                            VALUES (:id, :googleId, :key, 'Earlier', 'Shibuya', 1, 'COMPLETED',
                                    now() - interval '50 minutes', now() - interval '49 minutes', :requester)""")
                    .param("id", UUID.randomUUID())
                    .param("googleId", newPlaceId())
                    .param("key", UUID.randomUUID().toString())
                    .param("requester", requester)
                    .update();
        }

        HttpResponse<String> refused = scrapeAs(bearer(TOKENS.accessToken(requester)), newPlaceId(), "Thirty-first");

        assertProblem(refused, 429, "QUOTA_EXCEEDED");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(500L, 601L); // about ten minutes
    }

    @Test
    void aUserMayHaveFiveStreamsOpenNotSix() throws Exception {
        String requester = "watcher-" + UUID.randomUUID();
        String[] user = bearer(TOKENS.accessToken(requester));
        UUID job = runningJobNoOneFinishes();
        HttpClient http = HttpClient.newHttpClient();
        List<InputStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                HttpResponse<InputStream> stream = http.send(
                        request("/api/v1/spider/jobs/" + job + "/stream", user).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertThat(stream.statusCode()).isEqualTo(200);
                open.add(stream.body());
            }

            HttpResponse<String> refused = get("/api/v1/spider/jobs/" + job + "/stream", user);

            assertProblem(refused, 429, "QUOTA_EXCEEDED");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(get("/api/v1/spider/jobs/" + job, user).statusCode())
                    .as("polling is still allowed")
                    .isEqualTo(200);
        } finally {
            for (InputStream stream : open) {
                stream.close();
            }
        }
    }

    @Test
    void theFiveStreamsCountAcrossReplicas() throws Exception {
        String[] user = bearer(TOKENS.accessToken("roaming-" + UUID.randomUUID()));
        UUID job = runningJobNoOneFinishes();
        List<InputStream> open = new ArrayList<>();
        try (ConfigurableApplicationContext second = secondInstance()) {
            int secondPort = Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port"));
            // Behind a load balancer a user's streams land on any replica: three here, two there.
            for (int i = 0; i < 5; i++) {
                HttpResponse<InputStream> stream = openStream(i < 3 ? port() : secondPort, user, job);
                assertThat(stream.statusCode()).as("stream " + (i + 1)).isEqualTo(200);
                open.add(stream.body());
            }

            assertStreamRefused(secondPort, user, job);
            assertStreamRefused(port(), user, job);

            open.removeFirst().close(); // one of this replica's ends: its lease is given back
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                HttpResponse<InputStream> again = openStream(secondPort, user, job);
                if (again.statusCode() == 200) {
                    open.add(again.body());
                    return true;
                }
                again.body().close();
                return false;
            });
        } finally {
            for (InputStream stream : open) {
                stream.close();
            }
        }
    }

    /** RUNNING on a lease no worker will take over: its streams stay open. */
    private UUID runningJobNoOneFinishes() {
        UUID job = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO scrape_jobs (id, google_id, search_key, place_name, area, max_results, status,
                                                 attempts, started_at, lease_until)
                        VALUES (:id, :googleId, :key, 'Watched', 'Shibuya', 1, 'RUNNING', 1, now(),
                                now() + interval '1 hour')""")
                .param("id", job)
                .param("googleId", newPlaceId())
                .param("key", UUID.randomUUID().toString())
                .update();
        return job;
    }

    private static HttpResponse<InputStream> openStream(int port, String[] user, UUID job) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/v1/spider/jobs/" + job + "/stream"))
                        .header(user[0], user[1])
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    /** A stream request that must be refused: 429 QUOTA_EXCEEDED, said at once (a stream that opened is closed). */
    private static void assertStreamRefused(int port, String[] user, UUID job) throws Exception {
        HttpResponse<InputStream> response = openStream(port, user, job);
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).as("a sixth stream").isEqualTo(429);
            assertThat(new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"code\":\"QUOTA_EXCEEDED\"");
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HttpResponse<String> scrapeAs(String[] user, String googleId, String name) {
        return post("/api/v1/spider/scrape", "application/json", """
                {"google_id": "%s", "place_name": "%s", "area": "Shibuya", "max_results": 1}""".formatted(googleId, name), user);
    }
}
