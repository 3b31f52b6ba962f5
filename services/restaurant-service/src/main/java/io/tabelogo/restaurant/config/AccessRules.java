package io.tabelogo.restaurant.config;

import io.tabelogo.platform.security.AuthorizationRules;
import io.tabelogo.platform.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Reading restaurants is public; creating and deleting them is for admins; everything else (favourites,
 * PATCH, whose admin-only fields are checked per field) needs a valid token.
 */
@Configuration(proxyBeanMethods = false)
class AccessRules {

    @Bean
    AuthorizationRules restaurantAccessRules() {
        return requests -> requests.requestMatchers(HttpMethod.GET, "/api/v1/restaurants", "/api/v1/restaurants/**")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/restaurants")
                .hasRole(Roles.ADMIN)
                .requestMatchers(HttpMethod.DELETE, "/api/v1/restaurants/*")
                .hasRole(Roles.ADMIN);
    }
}
