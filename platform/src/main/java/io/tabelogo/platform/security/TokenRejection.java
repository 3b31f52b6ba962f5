package io.tabelogo.platform.security;

import io.tabelogo.platform.error.ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/** Why a bearer token was refused, as one of the 401 codes: the one rule for problem bodies and for metrics. */
public final class TokenRejection {

    /** OAuth2 error code a token validator uses for a token whose session was revoked (logout, theft). */
    public static final String SESSION_REVOKED = "session_revoked";

    private TokenRejection() {}

    /** AUTH_SESSION_REVOKED, AUTH_TOKEN_EXPIRED or AUTH_TOKEN_INVALID, from the validators' errors in the chain. */
    public static String codeFor(Throwable rejection) {
        for (Throwable t = rejection; t != null; t = t.getCause()) {
            if (t instanceof JwtValidationException invalid) {
                for (OAuth2Error error : invalid.getErrors()) {
                    if (SESSION_REVOKED.equals(error.getErrorCode())) {
                        return ErrorCodes.AUTH_SESSION_REVOKED;
                    }
                    if (error.getDescription() != null && error.getDescription().contains("expired")) {
                        return ErrorCodes.AUTH_TOKEN_EXPIRED;
                    }
                }
            }
        }
        return ErrorCodes.AUTH_TOKEN_INVALID;
    }
}
