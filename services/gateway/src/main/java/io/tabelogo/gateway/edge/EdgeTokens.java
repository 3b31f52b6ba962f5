package io.tabelogo.gateway.edge;

import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.redis.RedisGuard;
import io.tabelogo.platform.redis.SharedRedis;
import io.tabelogo.platform.security.SecurityAutoConfiguration;
import io.tabelogo.platform.security.SecuritySettings;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** The edge's token verification: the platform's decoder and rules, plus the session denylist. */
@Configuration(proxyBeanMethods = false)
class EdgeTokens {

    @Bean
    JwtDecoder edgeJwtDecoder(
            SecuritySettings settings,
            RestTemplateBuilder http,
            SharedRedis shared,
            RedisGuard guard,
            MeterRegistry meters) {
        return SecurityAutoConfiguration.jwtDecoder(
                settings.jwt(),
                http,
                new DelegatingOAuth2TokenValidator<>(
                        SecurityAutoConfiguration.tokenValidator(settings.jwt()),
                        new RevokedSessions(shared, guard, meters)));
    }
}
