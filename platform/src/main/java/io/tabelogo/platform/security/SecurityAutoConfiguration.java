package io.tabelogo.platform.security;

import io.tabelogo.platform.web.ClientIpResolver;
import io.tabelogo.platform.web.UserIdFilter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * One stateless security chain for every service: security headers, optional CORS, optional JWT verification
 * (RS256 pinned, issuer, audience and expiry checked), and problem+json for 401/403/503.
 */
@AutoConfiguration(before = ServletWebSecurityAutoConfiguration.class)
@EnableWebSecurity
@EnableConfigurationProperties(SecuritySettings.class)
public class SecurityAutoConfiguration {

    /** Headers the browser may read on cross-origin responses. */
    private static final List<String> EXPOSED_HEADERS = List.of(
            "X-Request-ID",
            "X-Cache-Status",
            "X-Data-Source",
            "X-Data-Age",
            "X-Data-Stale",
            "Retry-After",
            "RateLimit-Limit",
            "RateLimit-Remaining",
            "RateLimit-Reset");

    /**
     * Spring Security would wrap each of its filters in an observation (and the authentication and authorization
     * steps too): spans and meters no dashboard uses, costing every request. The HTTP server observation covers the
     * whole request once.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain tabelogoSecurityFilterChain(
            HttpSecurity http,
            SecuritySettings settings,
            ObjectProvider<AuthorizationRules> rules,
            ObjectProvider<JwtDecoder> jwtDecoder,
            ClientIpResolver clientIp,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        // Every security failure goes through ProblemHandler, like any other failure.
        AuthenticationEntryPoint unauthenticated =
                (request, response, failure) -> problems.resolveException(request, response, null, failure);
        AccessDeniedHandler forbidden =
                (request, response, failure) -> problems.resolveException(request, response, null, failure);

        http.csrf(csrf -> csrf.disable()) // no cookies or sessions: bearer tokens only
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                // No one asks the servlet request for its principal or roles: one request wrapper less.
                .servletApi(servletApi -> servletApi.disable())
                .headers(headers -> headers.contentTypeOptions(c -> {})
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .crossOriginOpenerPolicy(c -> c.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(settings.contentSecurityPolicy()))
                        // Also behind a TLS-terminating proxy we trust, not only on a direct TLS connection.
                        .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(
                                        Duration.ofDays(365).toSeconds())
                                .requestMatcher(clientIp::isHttps))
                        .addHeaderWriter(new StaticHeadersWriter(
                                "Permissions-Policy", "camera=(), microphone=(), geolocation=(self)")))
                .exceptionHandling(
                        e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden));

        // Preflights are answered here, before authentication, whether or not CORS is on (CorsRefusals).
        CorsFilter cors = new CorsFilter(corsSource(settings.corsAllowedOrigins()));
        cors.setCorsProcessor(new CorsRefusals(!settings.corsAllowedOrigins().isEmpty()));
        http.cors(c -> c.disable()).addFilterAfter(cors, HeaderWriterFilter.class);

        http.authorizeHttpRequests(requests -> {
            requests.requestMatchers("/health/**", "/metrics", "/info", "/error", "/v3/api-docs/**", "/swagger-ui/**")
                    .permitAll();
            rules.orderedStream().forEach(rule -> rule.configure(requests));
            if (settings.jwt().enabled()) {
                requests.anyRequest().authenticated();
            } else {
                requests.anyRequest().permitAll();
            }
        });

        if (settings.jwt().enabled()) {
            http.oauth2ResourceServer(oauth -> oauth.jwt(
                            jwt -> jwt.decoder(jwtDecoder.getObject()).jwtAuthenticationConverter(roleClaimConverter()))
                    .authenticationEntryPoint(unauthenticated)
                    .withObjectPostProcessor(sendServiceFailuresTo(unauthenticated)));
        }
        http.addFilterAfter(new UserIdFilter(), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /**
     * By default a token that cannot be checked at all (JWKS unreachable: AuthenticationServiceException) escapes
     * the filter chain and becomes a 500; here it reaches the entry point, which answers 503.
     */
    private static ObjectPostProcessor<BearerTokenAuthenticationFilter> sendServiceFailuresTo(
            AuthenticationEntryPoint entryPoint) {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                var failures = new AuthenticationEntryPointFailureHandler(entryPoint);
                failures.setRethrowAuthenticationServiceException(false);
                filter.setAuthenticationFailureHandler(failures);
                return filter;
            }
        };
    }

    /**
     * The service's decoder: user tokens, and service tokens addressed to this service ({@code spring.application
     * .name}); a user token of an ended session is refused when the shared Redis is there to say so.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty("tabelogo.security.jwt.enabled")
    JwtDecoder tabelogoJwtDecoder(
            SecuritySettings settings,
            RestTemplateBuilder http,
            ObjectProvider<RevokedSessions> revokedSessions,
            @Value("${spring.application.name:unknown}") String service) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(tokenValidator(settings.jwt(), service));
        revokedSessions.ifAvailable(validators::add);
        return jwtDecoder(settings.jwt(), http, new DelegatingOAuth2TokenValidator<>(validators));
    }

    /** This service's own tokens for its calls without a user, when it has a client secret. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnExpression("!'${tabelogo.security.service-token.secret:}'.isBlank()")
    ServiceTokens serviceTokens(
            SecuritySettings settings,
            RestClient.Builder http,
            ObjectProvider<Clock> clock,
            @Value("${spring.application.name:unknown}") String service) {
        return new ServiceTokens(
                http,
                settings.serviceToken().uri(),
                service,
                settings.serviceToken().secret(),
                clock.getIfAvailable(Clock::systemUTC));
    }

    /**
     * A decoder of Tabelogo access tokens: RS256 only, keys from the JWKS (cached, fetched again for an unknown key
     * id) through Boot's builder, so the fetch is observed (trace, metrics) like every other outgoing call. A
     * service that checks more than {@link #tokenValidator} (e.g. the gateway's session denylist) passes its own.
     */
    public static JwtDecoder jwtDecoder(
            SecuritySettings.Jwt jwt, RestTemplateBuilder http, OAuth2TokenValidator<Jwt> validator) {
        RestTemplate jwks = http.connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(2))
                .build();
        var keys = new CachedKeySet(jwks, jwt.jwksUri(), Duration.ofMinutes(5), jwt.unknownKeyRefetch());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
                .jwsAlgorithm(SignatureAlgorithm.RS256) // pinned: none, HS* and others are rejected
                .build();
        decoder.setJwtValidator(validator);
        return decoder;
    }

    /**
     * Issuer, audience and expiry (required): what every verifier of Tabelogo access tokens checks. The audience is
     * {@code tabelogo} for a user's token, {@code service} itself for a service token ({@link TokenUse}).
     */
    public static OAuth2TokenValidator<Jwt> tokenValidator(SecuritySettings.Jwt jwt, String service) {
        OAuth2TokenValidator<Jwt> audience = token -> {
            List<String> aud = token.getAudience();
            boolean addressedHere =
                    aud != null && (TokenUse.isService(token) ? aud.contains(service) : aud.contains(jwt.audience()));
            return addressedHere
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(
                            new OAuth2Error("invalid_token", "The token is not addressed to this service", null));
        };
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(jwt.issuer()),
                audience,
                new JwtClaimValidator<Instant>("exp", Objects::nonNull));
    }

    /**
     * {@code role: admin} becomes authority {@code ROLE_admin}, for {@code hasRole("admin")}. HTTP APIs are for
     * users: a service token (meant for one service's gRPC) is refused here.
     */
    private static Converter<Jwt, AbstractAuthenticationToken> roleClaimConverter() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(Roles.CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return token -> {
            if (TokenUse.isService(token)) {
                throw new InvalidBearerTokenException("A service token is accepted on gRPC calls only");
            }
            return converter.convert(token);
        };
    }

    private static UrlBasedCorsConfigurationSource corsSource(List<String> origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("*"));
        cors.setExposedHeaders(EXPOSED_HEADERS);
        cors.setAllowCredentials(true);
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
