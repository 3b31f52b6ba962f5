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
 */
@ConfigurationProperties("tabelogo.gateway")
@Validated
public record UpstreamSettings(
        @Valid @NotNull @DefaultValue Upstream auth,
        @Valid @NotNull @DefaultValue Upstream map,
        @Valid @NotNull @DefaultValue Upstream restaurant,
        @Valid @NotNull @DefaultValue Upstream spider,
        @DefaultValue("1s") Duration connectTimeout) {

    /**
     * One service.
     *
     * @param url its base URL
     * @param timeout until its answer starts (a streamed body, such as a job's SSE stream, may take longer)
     */
    public record Upstream(URI url, @DefaultValue("5s") Duration timeout) {}
}
