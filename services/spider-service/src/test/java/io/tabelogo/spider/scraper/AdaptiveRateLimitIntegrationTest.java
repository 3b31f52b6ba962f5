package io.tabelogo.spider.scraper;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.spider.SpiderServiceIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * 429s from Tabelog halve the shared request rate, and requests really are spaced further apart. Its own
 * application with a slow base rate (600/min, one request per 100 ms), so the limiter's spacing, not the speed of
 * the code, decides the gaps measured between requests.
 */
@TestPropertySource(
        properties = {"tabelogo.spider.tabelog.rate-per-minute=600", "tabelogo.spider.tabelog.min-rate-per-minute=60"})
class AdaptiveRateLimitIntegrationTest extends SpiderServiceIntegrationTest {

    @Test
    void tooManyRequestsAnswersHalveTheSharedRateAndSpaceRequestsOut() {
        int before = TABELOG.requestCount();
        assertThat(finished(startJob(newPlaceId(), "Usual", 4)).get("status").asString())
                .isEqualTo("COMPLETED");
        Duration usualGap = medianGap(TABELOG.requestTimes().subList(before, TABELOG.requestCount()));
        assertThat(metricSum("spider_rate_limit_per_minute")).isEqualTo(600);

        TABELOG.failNext(2, 429); // the search's first two tries: 600/min halved twice, 150/min
        int throttledFrom = TABELOG.requestCount();
        JsonNode job = finished(startJob(newPlaceId(), "Throttled", 4));

        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        // then a tenth more per success: 150 x 1.1^5 after the search and four detail pages
        assertThat(metricSum("spider_rate_limit_per_minute"))
                .isCloseTo(150 * Math.pow(1.1, 5), org.assertj.core.data.Offset.offset(1.0));
        List<Instant> throttled = TABELOG.requestTimes().subList(throttledFrom, TABELOG.requestCount());
        // 150/min is one request per 400 ms (then 364, 331, ...); 600/min was one per 100 ms.
        assertThat(medianGap(throttled)).isGreaterThan(Duration.ofMillis(250)).isGreaterThan(usualGap.multipliedBy(2));
    }

    private static Duration medianGap(List<Instant> times) {
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(Duration.between(times.get(i - 1), times.get(i)));
        }
        assertThat(gaps).isNotEmpty();
        return gaps.stream().sorted().toList().get(gaps.size() / 2);
    }
}
