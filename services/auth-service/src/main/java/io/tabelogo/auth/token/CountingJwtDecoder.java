package io.tabelogo.auth.token;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.error.ErrorCodes;
import io.tabelogo.platform.security.TokenRejection;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

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
        } catch (JwtException rejected) {
            boolean hasExpired = ErrorCodes.AUTH_TOKEN_EXPIRED.equals(TokenRejection.codeFor(rejected));
            (hasExpired ? expired : invalid).increment();
            throw rejected;
        }
    }

    private static Counter outcome(MeterRegistry meters, String status) {
        return Counter.builder("auth.token.validation")
                .description("Access-token verifications by outcome")
                .tag("status", status)
                .register(meters);
    }
}
