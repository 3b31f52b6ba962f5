package io.tabelogo.platform.security;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The roles of Tabelogo access tokens: claim {@code role}, value {@code user} or {@code admin}. The security chain
 * maps it to the authority {@code ROLE_<role>}, so URL rules use {@code hasRole(Roles.ADMIN)}; code that decides
 * per field or per owner asks {@link #isAdmin}.
 */
public final class Roles {

    public static final String CLAIM = "role";
    public static final String ADMIN = "admin";

    private Roles() {}

    /** Whether the token (null for an anonymous caller) is an admin's. */
    public static boolean isAdmin(Jwt token) {
        return token != null && ADMIN.equals(token.getClaimAsString(CLAIM));
    }
}
