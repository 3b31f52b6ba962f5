package io.tabelogo.restaurant.quicksearch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Quick search ({@code tabelogo.restaurant.*}).
 *
 * @param dataFreshness how long a stored place is served without asking map-service ({@code TABELOGO_DATA_FRESHNESS})
 * @param mapDeadline the time one quick search may spend on map-service, its retry included
 * @param mapRetryWait the pause before the retry (± 50 %)
 * @param quickSearchPerMinute quick searches a client (user, else address) may make a minute: each may write a
 *     restaurant row and call map-service, so the public route is limited like map-service's own
 */
@ConfigurationProperties("tabelogo.restaurant")
record QuickSearchSettings(
        @DefaultValue("3d") Duration dataFreshness,
        @DefaultValue("2s") Duration mapDeadline,
        @DefaultValue("100ms") Duration mapRetryWait,
        @DefaultValue("60") int quickSearchPerMinute) {}
