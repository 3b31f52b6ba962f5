package io.tabelogo.map;

import io.tabelogo.platform.security.AuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Place search is public. JWT verification stays on so that a valid token makes the rate limit per
 * user; a token that is present must be valid (401 otherwise, as for any bearer-token API).
 */
@Configuration(proxyBeanMethods = false)
class PublicEndpoints {

    @Bean
    AuthorizationRules mapPublicEndpoints() {
        return requests ->
                requests.requestMatchers(HttpMethod.POST, "/api/v1/map/**").permitAll();
    }
}
