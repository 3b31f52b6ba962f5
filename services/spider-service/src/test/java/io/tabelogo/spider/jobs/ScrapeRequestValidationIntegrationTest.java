package io.tabelogo.spider.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platform.security.RevokedSessions;
import io.tabelogo.platformtest.TestRedis;
import io.tabelogo.spider.SpiderServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Bad requests get a clear 400 (or 401/404) naming the problem, and store nothing. */
class ScrapeRequestValidationIntegrationTest extends SpiderServiceIntegrationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing google_id       | {"place_name": "Ichiran", "area": "Shibuya"}                                          | google_id
            blank google_id         | {"google_id": "  ", "place_name": "Ichiran", "area": "Shibuya"}                       | google_id
            google_id with a slash  | {"google_id": "../etc", "place_name": "Ichiran", "area": "Shibuya"}                    | google_id
            missing place_name      | {"google_id": "ChIJx", "area": "Shibuya"}                                             | place_name
            blank place_name        | {"google_id": "ChIJx", "place_name": " ", "area": "Shibuya"}                          | place_name
            missing area            | {"google_id": "ChIJx", "place_name": "Ichiran"}                                       | area
            max_results 0           | {"google_id": "ChIJx", "place_name": "Ichiran", "area": "Shibuya", "max_results": 0}  | max_results
            max_results 21          | {"google_id": "ChIJx", "place_name": "Ichiran", "area": "Shibuya", "max_results": 21} | max_results
            max_results negative    | {"google_id": "ChIJx", "place_name": "Ichiran", "area": "Shibuya", "max_results": -1} | max_results
            """)
    void anInvalidFieldIsNamedInA400AndNoJobIsCreated(String why, String body, String field) {
        long jobsBefore = jobCount();
        double failedBefore = metricSum("spider_scrape_requests_total", "status=\"failed\"");

        HttpResponse<String> refused = scrape(body);

        JsonNode problem = assertProblem(refused, 400, "VALIDATION_FAILED");
        assertThat(problem.get("errors"))
                .extracting(error -> error.get("field").asString())
                .contains(field);
        assertThat(jobCount()).isEqualTo(jobsBefore);
        assertThat(metricSum("spider_scrape_requests_total", "status=\"failed\"") - failedBefore)
                .isEqualTo(1);
    }

    @Test
    void tooLongTextsAreRefused() {
        HttpResponse<String> refused = scrape("""
                {"google_id": "ChIJx", "place_name": "%s", "area": "%s"}""".formatted("a".repeat(201), "b".repeat(101)));

        JsonNode problem = assertProblem(refused, 400, "VALIDATION_FAILED");
        assertThat(problem.get("errors"))
                .extracting(error -> error.get("field").asString())
                .containsExactlyInAnyOrder("place_name", "area");
    }

    @Test
    void aBodyThatIsNotJsonOrHasWrongTypesIsMalformed() {
        assertProblem(scrape("{not json"), 400, "MALFORMED_REQUEST");
        assertProblem(scrape("""
                {"google_id": "ChIJx", "place_name": "Ichiran", "area": "Shibuya", "max_results": "ten"}"""), 400, "MALFORMED_REQUEST");
    }

    @Test
    void jobsAreAskedForByUuid() {
        assertProblem(get("/api/v1/spider/jobs/not-a-uuid", asUser), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/v1/spider/jobs/" + UUID.randomUUID(), asUser), 404, "JOB_NOT_FOUND");
        assertProblem(get("/api/v1/spider/jobs/not-a-uuid/stream", asUser), 400, "VALIDATION_FAILED");
    }

    @Test
    void everyEndpointNeedsAToken() {
        assertProblem(post("/api/v1/spider/scrape", "application/json", """
                        {"google_id": "ChIJx", "place_name": "Ichiran", "area": "Shibuya"}"""), 401, "AUTH_TOKEN_MISSING");
        assertProblem(get("/api/v1/spider/jobs/" + UUID.randomUUID()), 401, "AUTH_TOKEN_MISSING");
        assertProblem(get("/api/v1/spider/jobs/" + UUID.randomUUID() + "/stream"), 401, "AUTH_TOKEN_MISSING");
    }

    private long jobCount() {
        return jdbc.sql("SELECT count(*) FROM scrape_jobs").query(Long.class).single();
    }

    @Autowired
    TestRedis testRedis;

    /** Called directly, not through the gateway, a logged-out token is refused here too. */
    @Test
    void aTokenOfAnEndedSessionIsRefusedByTheServiceItself() {
        String session = UUID.randomUUID().toString();
        String[] token = {"Authorization", "Bearer " + TOKENS.accessTokenOfSession("logged-out", session)};
        String path = "/api/v1/spider/jobs/" + UUID.randomUUID();
        assertProblem(get(path, token), 404, "JOB_NOT_FOUND"); // the token is good

        testRedis.database(5).opsForValue().set(RevokedSessions.PREFIX + session, "1", Duration.ofMinutes(15));

        assertProblem(get(path, token), 401, "AUTH_SESSION_REVOKED");
    }
}
