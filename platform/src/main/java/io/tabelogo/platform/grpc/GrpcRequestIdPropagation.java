package io.tabelogo.platform.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.tabelogo.platform.web.RequestIdFilter;
import org.slf4j.MDC;

/** Outgoing gRPC calls carry the current request id, so the callee's logs join the caller's (as traceparent does). */
public class GrpcRequestIdPropagation implements ClientInterceptor {

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                String requestId = MDC.get(RequestIdFilter.MDC_KEY);
                if (requestId != null) {
                    headers.put(GrpcServerCallContext.REQUEST_ID, requestId);
                }
                super.start(listener, headers);
            }
        };
    }
}
