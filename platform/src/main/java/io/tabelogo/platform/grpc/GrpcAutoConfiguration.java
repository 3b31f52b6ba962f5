package io.tabelogo.platform.grpc;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;

/** Services with gRPC endpoints (Spring gRPC server on the classpath) answer failures with mapped statuses. */
@AutoConfiguration
@ConditionalOnClass(GrpcExceptionHandler.class)
public class GrpcAutoConfiguration {

    @Bean
    GrpcStatusMapping grpcStatusMapping() {
        return new GrpcStatusMapping();
    }
}
