package io.tabelogo.platform.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize larger request bodies get 413 {@code PAYLOAD_TOO_LARGE}
 * @param trustedProxies addresses or CIDR ranges whose {@code X-Forwarded-For} is believed (none by default)
 */
@ConfigurationProperties("tabelogo.http")
public record HttpSettings(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue List<String> trustedProxies) {}
