package io.tabelogo.auth.token;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param accessTokenTtl lifetime of access tokens, and how long a retired signing key stays published
 * @param keyPassword encrypts the signing keys' private halves at rest ({@code TABELOGO_AUTH_KEY_PASSWORD})
 */
@Validated
@ConfigurationProperties("tabelogo.auth.tokens")
public record TokenSettings(
        @DefaultValue("15m") Duration accessTokenTtl,

        @NotBlank(message = "set TABELOGO_AUTH_KEY_PASSWORD: it encrypts the token signing keys")
        String keyPassword) {}
