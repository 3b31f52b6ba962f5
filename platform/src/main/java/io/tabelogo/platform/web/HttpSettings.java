package io.tabelogo.platform.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize larger request bodies get 413 {@code PAYLOAD_TOO_LARGE}
 * @param trustedProxies addresses or CIDR ranges whose {@code X-Forwarded-For} is believed (none by default)
 * @param publicMaxAge how long browsers and shared caches (CDNs) may reuse a public read ({@link PublicReads})
 *     before asking again; zero makes them ask every time (with the ETag, a 304 when nothing changed)
 */
@ConfigurationProperties("tabelogo.http")
public record HttpSettings(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue("60s") Duration publicMaxAge) {

    public HttpSettings {
        if (publicMaxAge.isNegative()) {
            throw new IllegalArgumentException("tabelogo.http.public-max-age must not be negative");
        }
    }
}
