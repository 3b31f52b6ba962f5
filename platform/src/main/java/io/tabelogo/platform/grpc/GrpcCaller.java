package io.tabelogo.platform.grpc;

import io.grpc.Context;
import io.tabelogo.platform.security.Roles;
import io.tabelogo.platform.security.TokenUse;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who made the current gRPC call, from the access token {@link GrpcAuthentication} verified: a user (the end user
 * on whose behalf a service calls, or a client of the service itself) or a service (a service token).
 *
 * @param subject the user id, or the calling service's client id
 * @param role the user's role ({@code user} or {@code admin}); null for a service
 * @param service whether the caller is a service rather than a user
 */
public record GrpcCaller(String subject, String role, boolean service) {

    static final Context.Key<GrpcCaller> KEY = Context.key("tabelogo-grpc-caller");

    static GrpcCaller of(Jwt token) {
        boolean service = TokenUse.isService(token);
        return new GrpcCaller(token.getSubject(), service ? null : token.getClaimAsString(Roles.CLAIM), service);
    }

    /** The caller of the call this thread serves; empty outside a verified gRPC call. */
    public static Optional<GrpcCaller> current() {
        return Optional.ofNullable(KEY.get());
    }

    public boolean isAdmin() {
        return !service && Roles.ADMIN.equals(role);
    }

    /** A user id when the caller is a user, else empty. */
    public Optional<String> userId() {
        return service ? Optional.empty() : Optional.of(subject);
    }

    /** Whether the caller may act on {@code userId}'s data: that user, or an administrator. */
    public boolean mayActFor(String userId) {
        return !service && (subject.equals(userId) || isAdmin());
    }

    boolean meets(GrpcAccessRules.Access access) {
        return switch (access) {
            case ANY_CALLER -> true;
            case USER -> !service;
            case ADMIN -> isAdmin();
            case SERVICE -> service;
        };
    }
}
