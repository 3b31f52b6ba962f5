package io.tabelogo.gateway.edge;

import io.tabelogo.platform.security.AuthorizationRules;
import io.tabelogo.platform.security.Roles;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;

/**
 * The split at the edge: a token, when sent, is verified on every route (a bad one is 401 even where none is
 * needed); one is required for favourites, users, the spider, the signed-in auth endpoints and
 * restaurant writes; place and restaurant reads, registration, login, refresh and the key set are public.
 */
@Configuration(proxyBeanMethods = false)
class EdgeAccessRules {

    /** With chaos on, the services' chaos APIs (routed under /api/v1/chaos/<service>) are for administrators. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @ConditionalOnBooleanProperty("tabelogo.chaos.enabled")
    AuthorizationRules edgeChaosForAdministrators() {
        return requests -> requests.requestMatchers("/api/v1/chaos/**").hasRole(Roles.ADMIN);
    }

    @Bean
    AuthorizationRules edgeAuthorization() {
        return requests -> requests.requestMatchers("/api/v1/me/**", "/api/v1/users/**", "/api/v1/spider/**")
                .authenticated()
                .requestMatchers(HttpMethod.POST, "/api/v1/auth/logout", "/api/v1/auth/logout-all")
                .authenticated()
                .requestMatchers(HttpMethod.GET, "/api/v1/auth/me", "/api/v1/auth/validate", "/api/v1/auth/sessions")
                .authenticated()
                .requestMatchers(HttpMethod.DELETE, "/api/v1/auth/sessions/**")
                .authenticated()
                .requestMatchers(HttpMethod.GET, "/api/v1/restaurants", "/api/v1/restaurants/**")
                .permitAll()
                .requestMatchers(HttpMethod.HEAD, "/api/v1/restaurants", "/api/v1/restaurants/**")
                .permitAll()
                .requestMatchers("/api/v1/restaurants", "/api/v1/restaurants/**")
                .authenticated()
                .requestMatchers("/**")
                .permitAll();
    }
}
