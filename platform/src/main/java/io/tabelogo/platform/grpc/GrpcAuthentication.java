package io.tabelogo.platform.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.tabelogo.platform.error.ErrorCodes;
import io.tabelogo.platform.security.TokenRejection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Every gRPC call carries a verifiable identity: a bearer token in the {@code authorization} metadata, checked
 * with the service's own decoder (signature, issuer, expiry, audience, ended sessions) — a user's token, or a
 * service token addressed to this service. Then the service's {@link GrpcAccessRules} decide. Refusals are
 * UNAUTHENTICATED ({@code AUTH_TOKEN_MISSING}, {@code AUTH_TOKEN_INVALID}, {@code AUTH_TOKEN_EXPIRED},
 * {@code AUTH_SESSION_REVOKED}) or PERMISSION_DENIED ({@code FORBIDDEN}), the code in the
 * {@code tabelogo-error-code} trailer; the caller is then {@link GrpcCaller#current()} for the service's code.
 * gRPC's own health and reflection services stay open, as HTTP health does.
 */
public class GrpcAuthentication implements ServerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(GrpcAuthentication.class);
    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final JwtDecoder decoder;
    private final List<GrpcAccessRules> rules;

    public GrpcAuthentication(JwtDecoder decoder, List<GrpcAccessRules> rules) {
        this.decoder = decoder;
        this.rules = List.copyOf(rules);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (method.startsWith("grpc.health.") || method.startsWith("grpc.reflection.")) {
            return next.startCall(call, headers);
        }
        String authorization = headers.get(AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return refuse(call, Status.UNAUTHENTICATED, ErrorCodes.AUTH_TOKEN_MISSING, "An access token is required.");
        }
        Jwt token;
        try {
            token = decoder.decode(authorization.substring(7).strip());
        } catch (BadJwtException invalid) {
            return refuse(
                    call, Status.UNAUTHENTICATED, TokenRejection.codeFor(invalid), "The access token is refused.");
        } catch (JwtException cannotCheck) { // the key set could not be fetched
            log.warn("Cannot verify the access token of a gRPC call: {}", cannotCheck.getMessage());
            return refuse(
                    call,
                    Status.UNAVAILABLE,
                    ErrorCodes.UPSTREAM_UNAVAILABLE,
                    "Access tokens cannot be verified right now.");
        }
        GrpcCaller caller = GrpcCaller.of(token);
        for (GrpcAccessRules rule : rules) {
            if (!caller.meets(rule.accessTo(method))) {
                return refuse(call, Status.PERMISSION_DENIED, ErrorCodes.FORBIDDEN, "You are not allowed to do this.");
            }
        }
        return Contexts.interceptCall(Context.current().withValue(GrpcCaller.KEY, caller), call, headers, next);
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(
            ServerCall<Q, R> call, Status status, String code, String description) {
        Metadata trailers = new Metadata();
        trailers.put(GrpcStatusMapping.ERROR_CODE, code);
        call.close(status.withDescription(description), trailers);
        return new ServerCall.Listener<>() {};
    }
}
