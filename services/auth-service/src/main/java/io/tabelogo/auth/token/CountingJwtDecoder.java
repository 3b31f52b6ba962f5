package io.tabelogo.auth.token;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Counts every verification this service makes (HTTP bearer tokens and gRPC ValidateToken alike) in
 * {@code auth_token_validation_total{status=valid|expired|invalid}}.
 */
class CountingJwtDecoder implements JwtDecoder {

    private final JwtDecoder decoder;
    private final Counter valid;
    private final Counter expired;
    private final Counter invalid;

    CountingJwtDecoder(JwtDecoder decoder, MeterRegistry meters) {
        this.decoder = decoder;
        this.valid = outcome(meters, "valid");
        this.expired = outcome(meters, "expired");
        this.invalid = outcome(meters, "invalid");
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        try {
            Jwt jwt = decoder.decode(token);
            valid.increment();
            return jwt;
        } catch (JwtValidationException rejected) {
            (isExpiry(rejected) ? expired : invalid).increment();
            throw rejected;
        } catch (JwtException rejected) {
            invalid.increment();
            throw rejected;
        }
    }

    private static boolean isExpiry(JwtValidationException rejected) {
        return rejected.getErrors().stream()
                .map(OAuth2Error::getDescription)
                .anyMatch(description -> description != null && description.contains("expired"));
    }

    private static Counter outcome(MeterRegistry meters, String status) {
        return Counter.builder("auth.token.validation")
                .description("Access-token verifications by outcome")
                .tag("status", status)
                .register(meters);
    }
}
