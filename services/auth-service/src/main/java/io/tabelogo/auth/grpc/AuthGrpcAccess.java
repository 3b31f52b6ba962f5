package io.tabelogo.auth.grpc;

import io.tabelogo.platform.grpc.GrpcAccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * auth-service's gRPC API is for other services only (a service token): a user has the HTTP API, behind the
 * gateway's login limits, and nothing here may be used to get around them.
 */
@Configuration(proxyBeanMethods = false)
class AuthGrpcAccess {

    @Bean
    GrpcAccessRules authGrpcForServicesOnly() {
        return method -> method.startsWith("auth.v1.AuthService/")
                ? GrpcAccessRules.Access.SERVICE
                : GrpcAccessRules.Access.ANY_CALLER;
    }
}
