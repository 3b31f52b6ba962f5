package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A job's live progress through the gateway when the job is quiet for longer than any route timeout: Tabelog
 * (the offline pages, behind a fault proxy) answers slowly, so the job stays RUNNING for over 20 s without an
 * update; the stream carries heartbeats meanwhile and is followed to {@code done}.
 */
class LiveProgressEndToEndTest extends ThroughTheGateway {

    @AfterEach
    void fastTabelogAgain() {
        PLATFORM.tabelog.heal();
    }

    @Test
    void aScrapeSilentForTwentySecondsIsFollowedToDone() throws Exception {
        String token = newUserToken();
        // Every chunk each way waits 2 s: 4–8 s a page (under the scraper's 10 s), six pages for five results.
        PLATFORM.tabelog.setLatency(Duration.ofSeconds(2));
        String place = "e2e-quiet-" + UUID.randomUUID();
        HttpResponse<String> accepted = post(
                "/api/v1/spider/scrape",
                "application/json",
                """
                {"google_id": "%s", "place_name": "Quiet Noodle %s", "area": "Shibuya", "max_results": 5}""".formatted(place, place.substring(place.length() - 8)),
                bearer(token));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String jobId = json(accepted).get("job_id").asString();

        HttpResponse<Stream<String>> stream = followJob(jobId, token);
        List<String> lines = new ArrayList<>();
        List<Long> eventTimes = new ArrayList<>();
        stream.body()
                .forEach(
                        line -> { // ends when the gateway ends the stream
                            lines.add(line);
                            if (line.startsWith("event:")) {
                                eventTimes.add(System.nanoTime());
                            }
                        });

        assertThat(lines.stream().filter(line -> line.startsWith("event:")))
                .contains("event:update")
                .endsWith("event:done");
        assertThat(lines).contains("data:{\"message\":\"job completed\"}");
        assertThat(lines).as("heartbeats while the job was quiet").anyMatch(line -> line.startsWith(":heartbeat"));
        Duration longestSilence = Duration.ZERO;
        for (int i = 1; i < eventTimes.size(); i++) {
            Duration gap = Duration.ofNanos(eventTimes.get(i) - eventTimes.get(i - 1));
            longestSilence = gap.compareTo(longestSilence) > 0 ? gap : longestSilence;
        }
        assertThat(longestSilence).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
    }
}
