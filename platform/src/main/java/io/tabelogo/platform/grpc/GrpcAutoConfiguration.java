package io.tabelogo.platform.grpc;

import io.tabelogo.platform.security.SecurityAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.client.GlobalClientInterceptor;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * gRPC (Spring gRPC on the classpath): mapped statuses, request ids across calls, failure logs with trace ids, and
 * a verified identity on every call where the service verifies tokens.
 */
@AutoConfiguration(after = SecurityAutoConfiguration.class)
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

    /** Inside the call context (so a refusal's log line has the request id), before any service code. */
    @Bean
    @GlobalServerInterceptor
    @Order(200)
    @ConditionalOnBean(JwtDecoder.class)
    GrpcAuthentication grpcAuthentication(JwtDecoder decoder, ObjectProvider<GrpcAccessRules> rules) {
        return new GrpcAuthentication(decoder, rules.orderedStream().toList());
    }

    @Bean
    @GlobalClientInterceptor
    GrpcRequestIdPropagation grpcRequestIdPropagation() {
        return new GrpcRequestIdPropagation();
    }
}
