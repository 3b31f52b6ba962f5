package io.tabelogo.spider.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platform.redis.SharedRedis;
import io.tabelogo.spider.SpiderServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import tools.jackson.databind.JsonNode;

/** A job from request to results: the scrape itself, the cache, one job per place, the event it leaves. */
class ScrapeJobLifecycleIntegrationTest extends SpiderServiceIntegrationTest {

    @Autowired
    SharedRedis sharedRedis;

    @Test
    void aNewPlaceGetsAJobThatCompletesWithParsedRestaurantsThenTheCacheAnswers() {
        String googleId = newPlaceId();
        String name = "Ichiran " + UUID.randomUUID();
        double hitsBefore = metricSum("spider_cache_hits_total", "cache_type=\"result\"");

        HttpResponse<String> accepted = scrape("""
                {"google_id": "%s", "place_name": "%s", "area": "Shibuya, Tokyo"}""".formatted(googleId, name));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String jobId = json(accepted).get("job_id").asString();
        assertThat(json(accepted).get("status").asString()).isEqualTo("PENDING");
        assertThat(accepted.headers().firstValue("Location")).hasValue("/api/v1/spider/jobs/" + jobId);

        JsonNode job = finished(jobId);
        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("google_id").asString()).isEqualTo(googleId);
        assertThat(job.has("error")).isFalse();
        assertThat(job.get("started_at").asString()).isNotBlank();
        assertThat(job.get("completed_at").asString()).isNotBlank();
        assertThat(job.get("duration").asDouble()).isGreaterThanOrEqualTo(0);
        JsonNode results = job.get("results");
        assertThat(results).hasSize(10); // max_results defaults to 10 of the page's 20
        assertThat(TABELOG.searchRequests(name)).isEqualTo(1);
        JsonNode first = results.get(0);
        assertThat(first.get("link").asString()).isEqualTo(TABELOG.baseUrl() + "/tokyo/A1303/A130301/13001001/");
        assertThat(first.get("name").asString()).contains("13001001");
        assertThat(first.get("rating").asDouble()).isEqualTo(3.58);
        assertThat(first.get("rating_count").asInt()).isEqualTo(1234); // "1,234", read as 1 by the first version
        assertThat(first.get("bookmarks").asInt()).isEqualTo(12345);
        assertThat(first.get("phone").asString()).isEqualTo("03-1234-5678");
        assertThat(first.get("types")).extracting(JsonNode::asString).containsExactly("ラーメン", "つけ麺");

        // The same search (the area is part of it: it decides which Tabelog listing is read).
        HttpResponse<String> cached = scrape("""
                {"google_id": "%s", "place_name": "%s", "area": "Shibuya, Tokyo"}""".formatted(googleId, name));

        assertThat(cached.statusCode()).as(cached.body()).isEqualTo(200);
        JsonNode answer = json(cached);
        assertThat(answer.get("from_cache").asBoolean()).isTrue();
        assertThat(answer.get("google_id").asString()).isEqualTo(googleId);
        assertThat(answer.get("total_found").asInt()).isEqualTo(10);
        assertThat(answer.get("restaurants")).isEqualTo(results);
        assertThat(answer.get("cached_at").asString()).isNotBlank();
        assertThat(TABELOG.searchRequests(name)).isEqualTo(1);
        assertThat(metricSum("spider_cache_hits_total", "cache_type=\"result\"") - hitsBefore)
                .isEqualTo(1);
        assertThat(redis.getExpire(ResultCache.key(googleId, ScrapeRequest.searchKey(name, "Shibuya, Tokyo", 10))))
                .isBetween(
                        Duration.ofHours(23).toSeconds(), Duration.ofHours(24).toSeconds());
        assertThat(TABELOG.userAgents()).contains("TabelogoBot/test (+https://tabelogo.example/bot)");
    }

    @Test
    void theJapaneseNameIsWhatTabelogIsSearchedFor() {
        String name = "Ichiran " + UUID.randomUUID();
        String nameJa = "一蘭 " + UUID.randomUUID();

        HttpResponse<String> accepted = scrape("""
                {"google_id": "%s", "place_name": "%s", "place_name_ja": "%s", "area": "渋谷", "max_results": 2}""".formatted(newPlaceId(), name, nameJa));

        assertThat(finished(json(accepted).get("job_id").asString()).get("results"))
                .hasSize(2);
        assertThat(TABELOG.searchRequests(nameJa)).isEqualTo(1);
        assertThat(TABELOG.searchRequests(name)).isZero();
    }

    @Test
    void requestsForAPlaceWithAJobUnderWayShareThatJob() throws Exception {
        String googleId = newPlaceId();
        String body = """
                {"google_id": "%s", "place_name": "Fuunji %s", "area": "Shinjuku", "max_results": 3}""".formatted(googleId, UUID.randomUUID());
        TABELOG.delay(Duration.ofMillis(100)); // keeps the job under way while the requests arrive

        List<HttpResponse<String>> answers = atOnce(8, () -> scrape(body));

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(202);
        assertThat(answers.stream()
                        .map(answer -> json(answer).get("job_id").asString())
                        .distinct())
                .hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM scrape_jobs WHERE google_id = ?")
                        .param(googleId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aRequestThatAsksTabelogSomethingElseGetsItsOwnJobAndCannotPoisonAnother() {
        String googleId = newPlaceId();
        String honest = "Honest Noodle " + UUID.randomUUID();
        String planted = "Planted Place " + UUID.randomUUID();
        TABELOG.delay(Duration.ofMillis(300)); // both jobs under way at once
        String honestJob =
                json(scrape("""
                        {"google_id": "%s", "place_name": "%s", "area": "Shibuya", "max_results": 3}""".formatted(googleId, honest))).get("job_id").asString();
        // The same search spelt differently shares the job...
        String sameSearch = json(scrape("""
                        {"google_id": "%s", "place_name": "  %s ", "area": "SHIBUYA", "max_results": 3}""".formatted(googleId, honest.toUpperCase(java.util.Locale.ROOT))))
                .get("job_id")
                .asString();
        // ...another name for the same place does not.
        String plantedJob =
                json(scrape("""
                        {"google_id": "%s", "place_name": "%s", "area": "Shibuya", "max_results": 3}""".formatted(googleId, planted))).get("job_id").asString();

        assertThat(sameSearch).isEqualTo(honestJob);
        assertThat(plantedJob).isNotEqualTo(honestJob);
        assertThat(finished(honestJob).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(finished(plantedJob).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(TABELOG.searchRequests(honest)).isEqualTo(1);
        assertThat(TABELOG.searchRequests(planted)).isEqualTo(1);
        // Later honest requests are answered from the honest search's cache, the planted one from its own.
        HttpResponse<String> cached = scrape("""
                {"google_id": "%s", "place_name": "%s", "area": "Shibuya", "max_results": 3}""".formatted(googleId, honest));
        assertThat(cached.statusCode()).isEqualTo(200);
        assertThat(json(cached).get("restaurants"))
                .isEqualTo(finished(honestJob).get("results"));
        assertThat(redis.keys(ResultCache.PREFIX + googleId + ":*")).hasSize(2);
        assertThat(TABELOG.searchRequests(honest)).isEqualTo(1);
    }

    @Test
    void maxResultsCapsTheDetailPagesRead() {
        int detailsBefore = TABELOG.requestsTo("/tokyo/A1303/A1303");

        JsonNode job = finished(startJob(newPlaceId(), "Afuri " + UUID.randomUUID(), 3));

        assertThat(job.get("results")).hasSize(3);
        assertThat(TABELOG.requestsTo("/tokyo/A1303/A1303") - detailsBefore).isEqualTo(3);
    }

    @Test
    void aPlaceTabelogDoesNotListCompletesEmptyAndIsCachedForAnHourOnly() {
        String googleId = newPlaceId();
        String name = "Nowhere " + UUID.randomUUID();
        TABELOG.noResultsFor(name);
        double noResultsBefore = metricSum("spider_scrape_errors_total", "error_type=\"no_results\"");

        JsonNode job = finished(startJob(googleId, name, 10));

        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("results")).isEmpty();
        assertThat(metricSum("spider_scrape_errors_total", "error_type=\"no_results\"") - noResultsBefore)
                .isEqualTo(1);
        assertThat(redis.keys(ResultCache.PREFIX + googleId + ":*"))
                .singleElement()
                .satisfies(key -> assertThat(redis.getExpire(key)).isBetween(3000L, 3600L));
    }

    @Test
    void detailPagesWithOddValuesOrNoRestaurantAreReadOrSkipped() {
        TABELOG.detailPage("13001001", "detail-empty.html");
        TABELOG.detailPage("13001002", "detail-odd.html");
        TABELOG.detailPage("13001003", "detail-partial.html");
        double skippedBefore = metricSum("spider_scrape_errors_total", "error_type=\"details_failed\"");

        JsonNode results =
                finished(startJob(newPlaceId(), "Odd " + UUID.randomUUID(), 3)).get("results");

        assertThat(results).hasSize(2); // the page without a restaurant is skipped
        JsonNode odd = results.get(0);
        assertThat(odd.get("link").asString()).endsWith("/13001002/");
        assertThat(odd.get("rating").isNull()).isTrue(); // "-"
        assertThat(odd.get("rating_count").isNull()).isTrue(); // "-"
        assertThat(odd.get("bookmarks").asInt()).isEqualTo(1234); // " 1,234 "
        JsonNode partial = results.get(1);
        assertThat(partial.get("link").asString()).endsWith("/13001003/");
        assertThat(partial.get("phone").isNull()).isTrue();
        assertThat(partial.get("types")).isEmpty();
        assertThat(metricSum("spider_scrape_errors_total", "error_type=\"details_failed\"") - skippedBefore)
                .isEqualTo(1);
    }

    @Test
    void aJobWhoseDetailPagesAllFailFailsWithTheReason() {
        TABELOG.detailPage("13001001", "detail-empty.html");
        TABELOG.detailPage("13001002", "detail-empty.html");

        JsonNode job = finished(startJob(newPlaceId(), "Empty " + UUID.randomUUID(), 2));

        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("error").asString()).startsWith("all 2 Tabelog detail pages failed");
        assertThat(job.has("results")).isFalse();
    }

    @Test
    void aCompletedJobLeavesOneEventWithExactlyTheSpecFields() {
        String googleId = newPlaceId();
        String name = "Event " + UUID.randomUUID();
        HttpResponse<String> accepted = scrape("""
                {"google_id": "%s", "place_name": "%s", "area": "Ginza", "max_results": 2}""".formatted(googleId, name));
        String jobId = json(accepted).get("job_id").asString();
        finished(jobId);

        JsonNode event = org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> eventsOf(jobId), events -> !events.isEmpty())
                .getFirst();

        assertThat(names(event))
                .isEqualTo(Set.of(
                        "event_id",
                        "type",
                        "version",
                        "job_id",
                        "google_id",
                        "area",
                        "place_name",
                        "place_name_ja",
                        "results",
                        "completed_at"));
        assertThat(event.get("type").asString()).isEqualTo("scrape.completed");
        assertThat(event.get("version").asInt()).isEqualTo(1);
        assertThat(event.get("google_id").asString()).isEqualTo(googleId);
        assertThat(event.get("place_name").asString()).isEqualTo(name);
        assertThat(event.get("area").asString()).isEqualTo("Ginza");
        assertThat(event.get("place_name_ja").isNull()).isTrue();
        assertThat(event.get("results")).hasSize(2);
        assertThat(names(event.get("results").get(0)))
                .isEqualTo(Set.of("link", "name", "rating", "rating_count", "bookmarks", "phone", "types", "photos"));
        assertThat(eventsOf(jobId)).hasSize(1);
    }

    /** The events on the shared stream about one job; each entry must hold exactly one field, {@code event}. */
    private List<JsonNode> eventsOf(String jobId) {
        List<JsonNode> events = new ArrayList<>();
        for (MapRecord<String, Object, Object> entry :
                sharedRedis.template().opsForStream().range(EVENTS, Range.unbounded())) {
            Map<Object, Object> fields = entry.getValue();
            assertThat(fields.keySet()).containsExactly("event");
            JsonNode event = JSON.readTree(fields.get("event").toString());
            if (event.get("job_id").asString().equals(jobId)) {
                events.add(event);
            }
        }
        return events;
    }

    private static Set<String> names(JsonNode object) {
        return Set.copyOf(object.propertyNames());
    }

    private static <T> List<T> atOnce(int count, Callable<T> call) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                futures.add(threads.submit(call));
            }
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
