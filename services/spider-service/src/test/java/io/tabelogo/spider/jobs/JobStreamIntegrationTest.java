package io.tabelogo.spider.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tabelogo.spider.SpiderServiceIntegrationTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /jobs/{id}/stream} read by a real HTTP client, as a browser's EventSource would. */
class JobStreamIntegrationTest extends SpiderServiceIntegrationTest {

    /** One Server-Sent Event; comments (heartbeats) have the name ":". */
    record Event(String name, String data) {}

    @Test
    void aStreamSendsTheJobOnEveryChangeThenDoneAndEnds() throws Exception {
        TABELOG.delay(Duration.ofMillis(100)); // a job of four pages, long enough to be seen running
        String jobId = startJob(newPlaceId(), "Stream " + UUID.randomUUID(), 3);

        HttpResponse<Stream<String>> response = HTTP.send(
                request("/api/v1/spider/jobs/" + jobId + "/stream", asUser)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<Event> events = events(response.body().iterator()); // returns when the server ends the stream
        List<Event> named = events.stream().filter(e -> !e.name().equals(":")).toList();
        assertThat(named.getLast()).isEqualTo(new Event("done", "{\"message\":\"job completed\"}"));
        List<JsonNode> updates = named.stream()
                .filter(e -> e.name().equals("update"))
                .map(e -> JSON.readTree(e.data()))
                .toList();
        assertThat(named).hasSize(updates.size() + 1);
        List<String> statuses =
                updates.stream().map(u -> u.get("status").asString()).toList();
        assertThat(statuses)
                .doesNotHaveDuplicates()
                .contains("RUNNING", "COMPLETED")
                .endsWith("COMPLETED");
        assertThat(statuses).isSubsetOf("PENDING", "RUNNING", "COMPLETED");
        JsonNode completed = updates.getLast();
        assertThat(completed.get("job_id").asString()).isEqualTo(jobId);
        assertThat(completed.get("results")).hasSize(3);
        assertThat(completed.get("duration").asDouble()).isPositive();
    }

    @Test
    void anUnknownJobGetsAnErrorEventAndTheStreamEnds() throws Exception {
        HttpResponse<Stream<String>> response = HTTP.send(
                request("/api/v1/spider/jobs/" + UUID.randomUUID() + "/stream", asUser)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());

        assertThat(events(response.body().iterator()))
                .containsExactly(new Event("error", "{\"error\":\"job not found\"}"));
    }

    @Test
    void aQuietStreamGetsHeartbeatsAndEndsAtItsTimeLimit() throws Exception {
        TABELOG.delay(Duration.ofMillis(700)); // eleven pages: about 8 s, longer than the 4 s limit of the tests
        String jobId = startJob(newPlaceId(), "Slow " + UUID.randomUUID(), 10);
        long started = System.nanoTime();

        HttpResponse<Stream<String>> response = HTTP.send(
                request("/api/v1/spider/jobs/" + jobId + "/stream", asUser)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        List<Event> events = events(response.body().iterator());

        Duration lasted = Duration.ofNanos(System.nanoTime() - started);
        assertThat(lasted).isBetween(Duration.ofMillis(3500), Duration.ofSeconds(7));
        assertThat(events.stream().filter(e -> e.data().equals("heartbeat"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(events.getLast().data()).startsWith("closing");
        assertThat(events).noneMatch(e -> e.name().equals("done"));
        awaitNoOpenStreams();
    }

    @Test
    void aClientThatLeavesFreesItsStream() throws Exception {
        TABELOG.delay(Duration.ofMillis(300));
        String jobId = startJob(newPlaceId(), "Leaving " + UUID.randomUUID(), 10);

        HttpResponse<InputStream> response = HTTP.send(
                request("/api/v1/spider/jobs/" + jobId + "/stream", asUser)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).isEqualTo("event:update");
            assertThat(metricSum("spider_sse_streams_active")).isGreaterThanOrEqualTo(1);
        } // the client goes away mid-job

        awaitNoOpenStreams();
    }

    private void awaitNoOpenStreams() {
        await().atMost(Duration.ofSeconds(3)).until(() -> metricSum("spider_sse_streams_active") == 0);
    }

    /** Reads events until the server ends the stream. */
    private static List<Event> events(Iterator<String> lines) {
        List<Event> events = new ArrayList<>();
        String name = null;
        StringBuilder data = new StringBuilder();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith(":")) {
                events.add(new Event(":", line.substring(1)));
            } else if (line.startsWith("event:")) {
                name = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring("data:".length()));
            } else if (line.isEmpty() && name != null) {
                events.add(new Event(name, data.toString()));
                name = null;
                data.setLength(0);
            }
        }
        return events;
    }
}
