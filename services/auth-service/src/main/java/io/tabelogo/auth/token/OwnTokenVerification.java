package io.tabelogo.auth.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.security.SecurityAutoConfiguration;
import io.tabelogo.platform.security.SecuritySettings;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * auth-service verifies its own access tokens from its own key set, in process (other services fetch the JWKS
 * over HTTP), with the platform's claim checks plus: the token's session must still be open.
 */
@Configuration(proxyBeanMethods = false)
public class OwnTokenVerification {

    @Bean
    JwtDecoder jwtDecoder(
            SigningKeys keys,
            SecuritySettings security,
            List<SessionCheck> sessionChecks,
            MeterRegistry meters,
            @Value("${spring.application.name}") String service) {
        JWKSource<SecurityContext> publishedKeys = (selector, context) -> selector.select(keys.published());
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, publishedKeys));
        processor.setJWTClaimsSetVerifier((claims, context) -> {}); // claims are the validators' job below
        var decoder = new NimbusJwtDecoder(processor);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(SecurityAutoConfiguration.tokenValidator(security.jwt(), service));
        validators.addAll(sessionChecks);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return new CountingJwtDecoder(decoder, meters);
    }

    /** A check on the token's session (sid), supplied by the session feature. */
    public interface SessionCheck extends OAuth2TokenValidator<Jwt> {}
}
