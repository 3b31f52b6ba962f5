package io.tabelogo.spider.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tabelogo.platformtest.PrivateRedisServer;
import io.tabelogo.platformtest.TestRedis;
import io.tabelogo.spider.SpiderServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import tools.jackson.databind.JsonNode;

/** A job that finishes while Redis is down still gets its event out, once Redis is back (the outbox). */
class EventOutboxIntegrationTest extends SpiderServiceIntegrationTest {

    @Autowired
    PrivateRedisServer redisServer;

    @Autowired
    TestRedis testRedis;

    @AfterEach
    void redisBack() {
        redisServer.startAgain();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> redis.hasKey("any") != null);
    }

    @Test
    void anEventThatCannotBePublishedWaitsInTheOutboxUntilRedisIsBack() {
        redisServer.stop();
        HttpResponse<String> accepted = scrape("""
                {"google_id": "%s", "place_name": "Outage %s", "area": "Shibuya", "max_results": 2}""".formatted(newPlaceId(), UUID.randomUUID()));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202); // the cache is down, jobs are not
        String jobId = json(accepted).get("job_id").asString();

        JsonNode job = finished(jobId);

        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        await().atMost(Duration.ofSeconds(5)).until(() -> metricSum("spider_outbox_pending") >= 1);
        assertThat(published(jobId)).isFalse();

        redisServer.startAgain();

        await().atMost(Duration.ofSeconds(20)).until(() -> published(jobId));
        assertThat(eventsOnStream(jobId)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> metricSum("spider_outbox_pending") == 0);
    }

    @Test
    void anEventTrimmedFromTheStreamBeforeItsConsumerReadItIsPublishedAgainAndKeptUntilAcknowledged() {
        var stream = testRedis.database(5).opsForStream();
        try {
            stream.createGroup(EVENTS, ReadOffset.latest(), "restaurant-service");
        } catch (RuntimeException exists) {
            // another test made it
        }
        String jobId = startJob(newPlaceId(), "Trimmed " + UUID.randomUUID(), 1);
        finished(jobId);
        await().atMost(Duration.ofSeconds(5)).until(() -> eventsOnStream(jobId) == 1);
        double republishedBefore = metricSum("spider_outbox_republished_total");

        stream.trim(EVENTS, 0); // gone before the group read it

        await().atMost(Duration.ofSeconds(10)).until(() -> eventsOnStream(jobId) == 1);
        assertThat(metricSum("spider_outbox_republished_total") - republishedBefore)
                .isEqualTo(1);
        assertThat(confirmed(jobId)).isFalse();

        // The consumer reads and acknowledges it: only then is it confirmed.
        var consumer = Consumer.from("restaurant-service", "test-consumer");
        List<MapRecord<String, Object, Object>> read = stream.read(
                consumer,
                StreamReadOptions.empty().count(1000),
                StreamOffset.create(EVENTS, ReadOffset.lastConsumed()));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> !confirmed(jobId));
        read.forEach(entry -> stream.acknowledge("restaurant-service", entry));
        await().atMost(Duration.ofSeconds(5)).until(() -> confirmed(jobId));
    }

    private boolean confirmed(String jobId) {
        return jdbc.sql("SELECT confirmed_at IS NOT NULL FROM scrape_outbox WHERE job_id = ?")
                .param(UUID.fromString(jobId))
                .query(Boolean.class)
                .single();
    }

    private boolean published(String jobId) {
        return jdbc.sql("SELECT published_at IS NOT NULL FROM scrape_outbox WHERE job_id = ?")
                .param(UUID.fromString(jobId))
                .query(Boolean.class)
                .single();
    }

    private long eventsOnStream(String jobId) {
        return testRedis.database(5).opsForStream().range(EVENTS, Range.unbounded()).stream()
                .filter(entry -> entry.getValue().get("event").toString().contains(jobId))
                .count();
    }
}
