package io.tabelogo.platform.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Edge and token settings ({@code tabelogo.security.*}).
 *
 * @param jwt access-token verification; off by default, services that have protected endpoints switch it on
 * @param corsAllowedOrigins origins allowed to call from a browser; empty (CORS off) except at the gateway
 * @param contentSecurityPolicy the CSP header of every response (default in tabelogo-defaults.properties)
 * @param serviceToken how this service gets its own service tokens ({@link ServiceTokens})
 */
@ConfigurationProperties("tabelogo.security")
public record SecuritySettings(
        @DefaultValue Jwt jwt,
        @DefaultValue List<String> corsAllowedOrigins,
        String contentSecurityPolicy,
        @DefaultValue ServiceToken serviceToken) {

    /**
     * @param uri auth-service's service-token endpoint ({@code TABELOGO_SERVICE_TOKEN_URI})
     * @param secret this service's client secret ({@code TABELOGO_SERVICE_SECRET}; its client id is its
     *     {@code spring.application.name}); no default: without it the service makes no calls as itself
     */
    public record ServiceToken(
            @DefaultValue("http://127.0.0.1:8080/internal/v1/service-tokens")
            URI uri,

            String secret) {

        public boolean configured() {
            return secret != null && !secret.isBlank();
        }
    }

    /**
     * @param enabled verify bearer tokens (RS256 only) from the JWKS below
     * @param jwksUri auth-service's key set, cached by the verifier
     * @param issuer required {@code iss}
     * @param audience required in {@code aud}
     * @param unknownKeyRefetch a token naming a key id the verifier does not hold makes it fetch the key set again
     *     at most this often (a rotation is picked up at once; forged key ids cannot make every request a fetch)
     */
    public record Jwt(
            @DefaultValue("false") boolean enabled,

            @DefaultValue("http://127.0.0.1:8080/.well-known/jwks.json")
            URI jwksUri,

            @DefaultValue("tabelogo-auth") String issuer,
            @DefaultValue("tabelogo") String audience,
            @DefaultValue("10s") Duration unknownKeyRefetch) {}
}
