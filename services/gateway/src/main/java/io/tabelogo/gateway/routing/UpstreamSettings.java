package io.tabelogo.gateway.routing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the services are and how much of them a request may take ({@code tabelogo.gateway.*}).
 *
 * @param connectTimeout to open a connection to any service
 * @param bodyIdleTimeout how long an answer's body, once its head has arrived, may stay silent: a dead service is
 *     noticed after this long, and services that stream (spider's SSE, heartbeats every 15 s) write well inside it
 * @param poolWait how long a request may wait for a connection to a service whose every connection is busy before
 *     it is answered 503 at once (a saturated service is not queued for)
 * @param requestBodyTimeout a request body must have arrived whole within this, before the gateway sends anything
 *     on (so a slow client never holds a connection to a service); Tomcat's read timeout is set to the same
 */
@ConfigurationProperties("tabelogo.gateway")
@Validated
public record UpstreamSettings(
        @Valid @NotNull @DefaultValue Upstream auth,
        @Valid @NotNull @DefaultValue Upstream map,
        @Valid @NotNull @DefaultValue Upstream restaurant,
        @Valid @NotNull @DefaultValue Upstream spider,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("60s") Duration bodyIdleTimeout,
        @DefaultValue("250ms") Duration poolWait,
        @DefaultValue("10s") Duration requestBodyTimeout) {

    Map<String, Upstream> byService() {
        return Map.of("auth", auth, "map", map, "restaurant", restaurant, "spider", spider);
    }

    /**
     * One service.
     *
     * @param url its base URL
     * @param timeout until its answer starts (its body then has {@code bodyIdleTimeout} between bytes)
     * @param maxConcurrentRequests requests (open SSE streams included) in flight to it at once: its connections
     */
    public record Upstream(
            URI url,
            @DefaultValue("5s") Duration timeout,
            @Min(1) @Max(10_000) @DefaultValue("200") int maxConcurrentRequests) {}
}
