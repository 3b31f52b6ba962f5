package io.tabelogo.gateway.edge;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The edge's rate limits ({@code tabelogo.gateway.rate-limit.*}), each a bucket of that many requests
 * refilled over a minute.
 */
@ConfigurationProperties("tabelogo.gateway.rate-limit")
@Validated
public record EdgeSettings(
        @Min(1) @DefaultValue("100") long anonymousPerMinute,
        @Min(1) @DefaultValue("1000") long userPerMinute,
        @Min(1) @DefaultValue("10") long loginPerMinute) {}
