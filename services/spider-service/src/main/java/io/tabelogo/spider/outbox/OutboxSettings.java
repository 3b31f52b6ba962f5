package io.tabelogo.spider.outbox;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Publishing events ({@code tabelogo.spider.outbox.*}).
 *
 * @param stream the Redis stream in the shared db 5 that restaurant-service consumes
 * @param interval how often unpublished events are looked for (a finished job also triggers a look at once)
 * @param batch events published per look
 * @param maxStreamLength the stream is trimmed to about this many entries, so it cannot fill Redis
 * @param consumerGroups the stream's consumer groups: an event is kept until each of them has acknowledged it, and
 *     published again when it left the stream before one of them read it (Redis lost it, or the stream was trimmed)
 * @param confirmInterval how often published events are checked against the consumer groups
 * @param keepDelivered how long an event every consumer group acknowledged is kept; then the retention clean-up
 *     deletes it (an unacknowledged event is never deleted)
 */
@ConfigurationProperties("tabelogo.spider.outbox")
@Validated
public record OutboxSettings(
        @DefaultValue("tabelogo:events:spider") String stream,
        @DefaultValue("1s") Duration interval,
        @Min(1) @DefaultValue("100") int batch,
        @Min(1000) @DefaultValue("100000") long maxStreamLength,
        @DefaultValue("restaurant-service") List<String> consumerGroups,
        @DefaultValue("10s") Duration confirmInterval,
        @DefaultValue("7d") Duration keepDelivered) {}
