package io.tabelogo.gameday;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Scrape jobs as the game day's visitor starts and follows them, through the gateway. */
final class Scrapes {

    private Scrapes() {}

    /** Starts a job for a place nobody searched before (so no cached result answers it); its id. */
    static String start(Target target, int maxResults) {
        String body = ChaosApi.JSON
                .createObjectNode()
                .put("google_id", "gameday-" + UUID.randomUUID())
                .put("place_name", "Gameday " + UUID.randomUUID())
                .put("area", "shibuya")
                .put("max_results", maxResults)
                .toString();
        HttpResponse<String> answer = target.send(target.request("/api/v1/spider/scrape")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException(
                    "starting a scrape job answered " + answer.statusCode() + ": " + answer.body());
        }
        return target.json(answer).path("job_id").asString();
    }

    /** The job as spider-service describes it; a missing node when it does not answer 200. */
    static JsonNode job(Target target, String id) {
        try {
            HttpResponse<String> answer = target.send(
                    target.request("/api/v1/spider/jobs/" + id).GET().build());
            return answer.statusCode() == 200 ? target.json(answer) : ChaosApi.JSON.missingNode();
        } catch (RuntimeException noAnswer) {
            return ChaosApi.JSON.missingNode(); // spider-service or the gateway's route to it is down for now
        }
    }

    /** Each job's status once all are COMPLETED or FAILED, or as they are when {@code within} ran out. */
    static List<String> awaitFinished(Target target, List<String> ids, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            List<String> statuses = new ArrayList<>();
            for (String id : ids) {
                statuses.add(job(target, id).path("status").asString("UNKNOWN"));
            }
            boolean finished = statuses.stream().allMatch(s -> s.equals("COMPLETED") || s.equals("FAILED"));
            if (finished || System.nanoTime() > deadline) {
                return statuses;
            }
            Thread.sleep(500);
        }
    }
}
