package io.tabelogo.gateway.routing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the services are and how long each may take ({@code tabelogo.gateway.*}).
 *
 * @param connectTimeout to open a connection to any service
 * @param bodyIdleTimeout how long an answer's body, once its head has arrived, may stay silent: a dead service is
 *     noticed after this long, and services that stream (spider's SSE, heartbeats every 15 s) write well inside it
 */
@ConfigurationProperties("tabelogo.gateway")
@Validated
public record UpstreamSettings(
        @Valid @NotNull @DefaultValue Upstream auth,
        @Valid @NotNull @DefaultValue Upstream map,
        @Valid @NotNull @DefaultValue Upstream restaurant,
        @Valid @NotNull @DefaultValue Upstream spider,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("60s") Duration bodyIdleTimeout) {

    /**
     * One service.
     *
     * @param url its base URL
     * @param timeout until its answer starts (its body then has {@code bodyIdleTimeout} between bytes)
     */
    public record Upstream(URI url, @DefaultValue("5s") Duration timeout) {}
}
