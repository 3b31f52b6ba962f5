package io.tabelogo.platform.grpc;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.client.GlobalClientInterceptor;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;

/** gRPC (Spring gRPC on the classpath): mapped statuses, request ids across calls, failure logs with trace ids. */
@AutoConfiguration
@ConditionalOnClass(GrpcExceptionHandler.class)
public class GrpcAutoConfiguration {

    @Bean
    GrpcStatusMapping grpcStatusMapping() {
        return new GrpcStatusMapping();
    }

    /** Inside the observation interceptor (order 0), so the call's logs carry its trace id. */
    @Bean
    @GlobalServerInterceptor
    @Order(100)
    GrpcServerCallContext grpcServerCallContext() {
        return new GrpcServerCallContext();
    }

    @Bean
    @GlobalClientInterceptor
    GrpcRequestIdPropagation grpcRequestIdPropagation() {
        return new GrpcRequestIdPropagation();
    }
}
