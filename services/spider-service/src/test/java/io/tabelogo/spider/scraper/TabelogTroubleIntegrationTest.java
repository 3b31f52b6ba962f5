package io.tabelogo.spider.scraper;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.spider.SpiderServiceIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Tabelog misbehaving, played by the fake: retries absorb a blip, 429s slow the scraper down without opening the
 * breaker, a failing Tabelog fails the job with a clear error and opens the {@code tabelog} breaker, timeouts are
 * cut.
 */
class TabelogTroubleIntegrationTest extends SpiderServiceIntegrationTest {

    @Test
    void aServerErrorIsRetriedAway() {
        // One failure in three calls; two would open the breaker (>= 60 % of >= 3 calls).
        TABELOG.failNext(1, 503);

        JsonNode job = finished(startJob(newPlaceId(), "Blip", 2));

        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("results")).hasSize(2);
    }

    @Test
    void tooManyRequestsAnswersSlowTheScraperDownWithoutOpeningTheBreaker() {
        // Two 429s in three calls: as failures they would open the breaker (>= 60 % of >= 3 calls) and fail the job.
        double rateBefore = metricSum("spider_rate_limit_per_minute");
        TABELOG.failNext(2, 429);

        JsonNode job = finished(startJob(newPlaceId(), "Throttled", 2));

        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("results")).hasSize(2);
        assertThat(metricSum("spider_circuit_breaker_state", "circuit=\"tabelog\""))
                .isEqualTo(0);
        assertThat(metricSum("spider_rate_limit_per_minute")).isLessThan(rateBefore);
    }

    @Test
    void aPageTabelogDoesNotHaveIsSkippedWithoutRetrying() {
        TABELOG.gone("13001001");
        int before = TABELOG.requestsTo("/tokyo/A1303/A130301/13001001/");

        JsonNode job = finished(startJob(newPlaceId(), "Gone", 2));

        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("results")).hasSize(1);
        assertThat(TABELOG.requestsTo("/tokyo/A1303/A130301/13001001/") - before)
                .isEqualTo(1);
    }

    @Test
    void aFailingTabelogFailsTheJobThenOpensTheCircuitSoTheNextJobFailsWithoutCallingIt() {
        TABELOG.failAll(500);
        String name = "Down " + UUID.randomUUID();

        JsonNode failed = finished(startJob(newPlaceId(), name, 2));

        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString())
                .contains("the Tabelog search for '" + name + "'")
                .contains("HTTP 500");
        assertThat(TABELOG.searchRequests(name)).isEqualTo(3); // three tries, then give up
        assertThat(metricSum("spider_circuit_breaker_state", "circuit=\"tabelog\""))
                .isEqualTo(1);

        int requestsBefore = TABELOG.requestCount();
        JsonNode refused = finished(startJob(newPlaceId(), "Still down", 2));

        assertThat(refused.get("status").asString()).isEqualTo("FAILED");
        assertThat(refused.get("error").asString()).contains("circuit breaker is open");
        assertThat(TABELOG.requestCount()).isEqualTo(requestsBefore);
    }

    @Test
    void aTabelogThatDoesNotAnswerIsCutOffAtTheTimeout() {
        TABELOG.delay(Duration.ofMillis(2500)); // the tests' timeout is 1 s
        long started = System.nanoTime();

        JsonNode job = finished(startJob(newPlaceId(), "Hanging", 2));

        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("error").asString()).contains("no answer within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
    }
}
