package io.tabelogo.platform.security;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The two kinds of access token auth-service signs. A user's: audience {@code tabelogo}, the user as subject, a
 * session ({@code sid}) and a {@code role}; accepted on HTTP and gRPC. A service's ({@code token_use: service}):
 * the calling service as subject and the service it calls as audience, no session and no role; accepted on gRPC
 * only, by that service only.
 */
public final class TokenUse {

    public static final String CLAIM = "token_use";
    public static final String SERVICE = "service";

    private TokenUse() {}

    public static boolean isService(Jwt token) {
        return SERVICE.equals(token.getClaimAsString(CLAIM));
    }
}
