package io.tabelogo.platform.chaos;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Runtime fault injection ({@code TABELOGO_CHAOS_ENABLED}): off unless enabled, and then only for administrators.
 *
 * @param enabled whether the chaos API and its hooks exist at all
 * @param path where the API is ({@code /api/v1/chaos}; the gateway's own is under {@code /api/v1/chaos/gateway})
 * @param maxDuration the longest a fault may be set for: every fault ends by itself
 * @param maxHeapShare the largest share of the maximum heap a heap-pressure fault may hold
 */
@ConfigurationProperties("tabelogo.chaos")
public record ChaosSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("/api/v1/chaos") String path,
        @DefaultValue("1h") Duration maxDuration,
        @DefaultValue("0.5") double maxHeapShare) {}
