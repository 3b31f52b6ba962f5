package io.tabelogo.gateway.edge;

import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.redis.RedisGuard;
import io.tabelogo.platform.redis.SharedRedis;
import io.tabelogo.platform.security.SecurityAutoConfiguration;
import io.tabelogo.platform.security.SecuritySettings;
import java.time.Duration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The edge's token verification: the platform's rules (RS256 from auth-service's key set — cached, fetched again
 * for an unknown key id — issuer, audience, expiry) plus the session denylist.
 */
@Configuration(proxyBeanMethods = false)
class EdgeTokens {

    @Bean
    JwtDecoder edgeJwtDecoder(
            SecuritySettings settings,
            RestTemplateBuilder http,
            SharedRedis shared,
            RedisGuard guard,
            MeterRegistry meters) {
        SecuritySettings.Jwt jwt = settings.jwt();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwksUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .restOperations(http.connectTimeout(Duration.ofSeconds(2))
                        .readTimeout(Duration.ofSeconds(2))
                        .build())
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                SecurityAutoConfiguration.tokenValidator(jwt), new RevokedSessions(shared, guard, meters)));
        return decoder;
    }
}
