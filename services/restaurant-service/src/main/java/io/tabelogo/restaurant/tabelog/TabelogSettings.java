package io.tabelogo.restaurant.tabelog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code scrape.completed} consumer ({@code tabelogo.restaurant.tabelog.*}).
 *
 * @param enabled whether this replica consumes events at all
 * @param stream the spider's event stream in the shared Redis db 5
 * @param group the consumer group every replica joins (each event goes to one of them)
 * @param deadLetterStream where malformed events go, with the reason, so they never block the group
 * @param pollInterval how long to wait before reading again after an empty read
 * @param batch how many events one read takes
 * @param claimIdle how long an event stays unacknowledged before another replica takes it over (its consumer
 *     crashed, or applying it failed)
 * @param maxDeliveries how many times an event is tried before it is dead-lettered
 * @param keepSyncs how long a processed event's job id is remembered (redeliveries of it change nothing); older
 *     rows are deleted by the retention clean-up (a late duplicate still cannot replace newer data)
 */
@ConfigurationProperties("tabelogo.restaurant.tabelog")
record TabelogSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("tabelogo:events:spider") String stream,
        @DefaultValue("restaurant-service") String group,

        @DefaultValue("restaurant:tabelog-events:dead-letter")
        String deadLetterStream,

        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("20") int batch,
        @DefaultValue("60s") Duration claimIdle,
        @DefaultValue("5") int maxDeliveries,
        @DefaultValue("30d") Duration keepSyncs) {}
