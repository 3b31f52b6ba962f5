package io.tabelogo.auth.token;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The services that may get service tokens ({@code tabelogo.auth.service-tokens.*}).
 *
 * @param clients {@code client-id:secret} pairs separated by commas ({@code TABELOGO_SERVICE_CLIENTS}); a client id
 *     is the service's {@code spring.application.name}, each secret its own {@code TABELOGO_SERVICE_SECRET}
 * @param audiences the services a service token may be addressed to
 * @param ttl how long a service token is valid (services renew them after four fifths of it)
 */
@ConfigurationProperties("tabelogo.auth.service-tokens")
public record ServiceClients(
        @DefaultValue("") String clients,

        @DefaultValue({"auth-service", "map-service", "restaurant-service", "spider-service"})
        List<String> audiences,

        @DefaultValue("10m") Duration ttl) {}
