package io.tabelogo.auth.config;

import io.tabelogo.platform.security.AuthorizationRules;
import io.tabelogo.platform.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** What needs no access token; everything else does (the platform's default with JWT on). */
@Configuration(proxyBeanMethods = false)
class PublicEndpoints {

    @Bean
    AuthorizationRules authPublicEndpoints() {
        return requests -> requests.requestMatchers(
                        HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh")
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/.well-known/jwks.json")
                .permitAll()
                // Services authenticate with their client id and secret in the body.
                .requestMatchers(HttpMethod.POST, "/internal/v1/service-tokens")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/auth/keys/rotate")
                .hasRole(Roles.ADMIN);
    }
}
