package io.tabelogo.platform.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.tabelogo.platform.security.ServiceTokens;
import java.util.function.Supplier;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The identity a gRPC call carries ({@code authorization} metadata), for the called service's
 * {@link GrpcAuthentication}: a service token of this service, or — for a call made on a user's behalf — the end
 * user's own access token, passed on. A call for which no token can be had fails at once with UNAVAILABLE.
 */
public final class GrpcCredentials {

    private GrpcCredentials() {}

    /** Every call with this one token (a client holding a token of its own, such as a tool or a test). */
    public static ClientInterceptor token(String token) {
        return bearer(() -> token);
    }

    /** Every call as this service, with a service token for {@code audience} (the called service's name). */
    public static ClientInterceptor service(ServiceTokens tokens, String audience) {
        return bearer(() -> tokens.tokenFor(audience));
    }

    /** Calls on behalf of the signed-in user this thread serves, with that user's token; none without a user. */
    public static ClientInterceptor currentUser() {
        return bearer(() -> {
            if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken user) {
                return user.getToken().getTokenValue();
            }
            throw new ServiceTokens.ServiceTokenUnavailable("no signed-in user to call on behalf of");
        });
    }

    /**
     * Calls made while serving a signed-in user carry that user's token (the called service then acts for, and
     * checks, the user); calls without one carry a service token for {@code audience}.
     */
    public static ClientInterceptor userOrService(ServiceTokens tokens, String audience) {
        return bearer(
                () -> SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken user
                        ? user.getToken().getTokenValue()
                        : tokens.tokenFor(audience));
    }

    private static ClientInterceptor bearer(Supplier<String> token) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(
                    MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                String value;
                try {
                    value = token.get(); // on the calling thread, where the user's security context is
                } catch (ServiceTokens.ServiceTokenUnavailable unavailable) {
                    return new FailedCall<>(Status.UNAVAILABLE.withDescription(unavailable.getMessage()));
                }
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        headers.put(GrpcAuthentication.AUTHORIZATION, "Bearer " + value);
                        super.start(listener, headers);
                    }
                };
            }
        };
    }

    /** A call that fails as soon as it starts, without reaching the network. */
    private static final class FailedCall<Q, R> extends ClientCall<Q, R> {

        private final Status status;

        FailedCall(Status status) {
            this.status = status;
        }

        @Override
        public void start(Listener<R> listener, Metadata headers) {
            listener.onClose(status, new Metadata());
        }

        @Override
        public void request(int numMessages) {}

        @Override
        public void cancel(String message, Throwable cause) {}

        @Override
        public void halfClose() {}

        @Override
        public void sendMessage(Q message) {}
    }
}
