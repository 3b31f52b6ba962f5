package io.tabelogo.platform.grpc;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ErrorCodes;
import io.tabelogo.platform.error.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a failed gRPC call while its trace is still current (Spring gRPC maps exceptions to statuses outside the
 * observation scope, where the trace id is gone): unexpected failures at ERROR with the stack trace, dependency
 * failures (503) at WARN, client errors not at all.
 */
public class GrpcFailureLogging implements ServerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(GrpcFailureLogging.class);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            @Override
            public void onMessage(Q message) {
                try {
                    super.onMessage(message);
                } catch (RuntimeException failure) {
                    logFailure(method, failure);
                    throw failure;
                }
            }

            @Override
            public void onHalfClose() {
                try {
                    super.onHalfClose();
                } catch (RuntimeException failure) {
                    logFailure(method, failure);
                    throw failure;
                }
            }
        };
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
