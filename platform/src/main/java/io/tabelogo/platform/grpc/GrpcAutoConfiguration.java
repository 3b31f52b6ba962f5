package io.tabelogo.platform.grpc;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;

/** Services with gRPC endpoints (Spring gRPC server on the classpath): mapped statuses, failure logs with trace ids. */
@AutoConfiguration
@ConditionalOnClass(GrpcExceptionHandler.class)
public class GrpcAutoConfiguration {

    @Bean
    GrpcStatusMapping grpcStatusMapping() {
        return new GrpcStatusMapping();
    }

    /** Inside the observation interceptor (order 0), so failure logs carry the call's trace id. */
    @Bean
    @GlobalServerInterceptor
    @Order(100)
    GrpcFailureLogging grpcFailureLogging() {
        return new GrpcFailureLogging();
    }
}
