package io.tabelogo.platform.grpc;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ErrorCodes;
import io.tabelogo.platform.error.Failures;
import io.tabelogo.platform.web.RequestIdFilter;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What {@link RequestIdFilter} and the access log do for HTTP, for gRPC calls: the caller's request id (metadata
 * {@code x-request-id}, else a new one) in the MDC of every log line of the call, and failed calls logged while
 * the call's trace is still current (Spring gRPC maps exceptions to statuses outside the observation scope):
 * unexpected failures at ERROR with the stack trace, dependency failures (503) at WARN, client errors not at all.
 */
public class GrpcServerCallContext implements ServerInterceptor {

    public static final Metadata.Key<String> REQUEST_ID =
            Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

    private static final Logger log = LoggerFactory.getLogger(GrpcServerCallContext.class);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        String requestId = RequestIdFilter.wellFormedOrNew(headers.get(REQUEST_ID));
        ServerCall.Listener<Q> delegate = inContext(requestId, () -> next.startCall(call, headers));
        return new SimpleForwardingServerCallListener<>(delegate) {
            @Override
            public void onMessage(Q message) {
                inContext(requestId, () -> {
                    try {
                        super.onMessage(message);
                    } catch (RuntimeException failure) {
                        logFailure(method, failure);
                        throw failure;
                    }
                    return null;
                });
            }

            @Override
            public void onHalfClose() {
                inContext(requestId, () -> {
                    try {
                        super.onHalfClose();
                    } catch (RuntimeException failure) {
                        logFailure(method, failure);
                        throw failure;
                    }
                    return null;
                });
            }
        };
    }

    // gRPC runs each callback on whichever executor thread is free: set the id around each one.
    private static <T> T inContext(String requestId, Supplier<T> callback) {
        MDC.put(RequestIdFilter.MDC_KEY, requestId);
        try {
            return callback.get();
        } finally {
            MDC.remove(RequestIdFilter.MDC_KEY);
        }
    }

    private static void logFailure(String method, RuntimeException failure) {
        ApiException api = Failures.classifyOrInternal(failure);
        if (ErrorCodes.INTERNAL_ERROR.equals(api.code())) {
            log.error("Unexpected failure in gRPC {}", method, failure);
        } else if (api.status().is5xxServerError()) {
            log.warn("gRPC {} failed: {}", method, api.code());
        }
    }
}
