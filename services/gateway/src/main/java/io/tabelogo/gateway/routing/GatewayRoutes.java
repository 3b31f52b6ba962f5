package io.tabelogo.gateway.routing;

import static org.springframework.web.servlet.function.RequestPredicates.path;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.tabelogo.gateway.edge.EdgeRateLimits;
import io.tabelogo.platform.chaos.ChaosFaults;
import io.tabelogo.platform.chaos.Dependency;
import io.tabelogo.platform.web.ClientIpResolver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The public routes. Only these prefixes reach a service, so the services' own {@code /metrics}, {@code /health} and
 * actuator paths never do. Each route passes the edge rate limits, then its service's protection (breaker, retry,
 * timeout), then {@link UpstreamProxy}. Plain Spring MVC functional routes: Spring Cloud Gateway's proxy cost more
 * per request than the whole budget of one (bench/README.md, "Issue 17").
 */
@Configuration(proxyBeanMethods = false)
class GatewayRoutes {

    @Bean
    RouterFunction<ServerResponse> serviceRoutes(
            UpstreamSettings upstreams,
            UpstreamClient client,
            ClientIpResolver clientIp,
            CircuitBreakerRegistry breakers,
            EdgeRateLimits rateLimits,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator,
            MeterRegistry meters,
            ObjectProvider<ChaosFaults> chaos) {
        var headers = new ForwardedHeaders(clientIp);
        Routes routes = new Routes(
                upstreams,
                client,
                headers,
                rateLimits,
                breakers,
                tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP),
                meters,
                chaos);
        RouterFunction<ServerResponse> all = routes.to("auth", null, "/api/v1/auth/**", "/.well-known/jwks.json")
                .and(routes.to(
                        "restaurant",
                        null,
                        "/api/v1/restaurants",
                        "/api/v1/restaurants/**",
                        "/api/v1/me/**",
                        "/api/v1/users/**"))
                .and(routes.to("map", null, "/api/v1/map/**"))
                .and(routes.to("spider", null, "/api/v1/spider/**"))
                // /api-docs/<service> → the service's /v3/api-docs, for the aggregated Swagger UI
                .and(routes.apiDocs("auth"))
                .and(routes.apiDocs("map"))
                .and(routes.apiDocs("restaurant"))
                .and(routes.apiDocs("spider"));
        if (chaos.getIfAvailable() == null) {
            return all;
        }
        // With chaos on: each service's chaos API, /api/v1/chaos/<service>/** → its /api/v1/chaos/**.
        for (String service : SERVICES) {
            all = all.and(routes.chaos(service));
        }
        return all;
    }

    private static final List<String> SERVICES = List.of("auth", "map", "restaurant", "spider");

    /** Builds each service's route: its proxy behind the edge rate limits and the service's own protection. */
    private static final class Routes {

        private final UpstreamSettings upstreams;
        private final UpstreamClient client;
        private final ForwardedHeaders headers;
        private final EdgeRateLimits rateLimits;
        private final Map<String, UpstreamProtection> protections;
        private final Tracer tracer;
        private final Propagator propagator;
        private final MeterRegistry meters;
        private final ObjectProvider<ChaosFaults> chaos;

        Routes(
                UpstreamSettings upstreams,
                UpstreamClient client,
                ForwardedHeaders headers,
                EdgeRateLimits rateLimits,
                CircuitBreakerRegistry breakers,
                Tracer tracer,
                Propagator propagator,
                MeterRegistry meters,
                ObjectProvider<ChaosFaults> chaos) {
            this.upstreams = upstreams;
            this.client = client;
            this.headers = headers;
            this.rateLimits = rateLimits;
            this.protections = protections(breakers, meters);
            this.tracer = tracer;
            this.propagator = propagator;
            this.meters = meters;
            this.chaos = chaos;
        }

        private static Map<String, UpstreamProtection> protections(CircuitBreakerRegistry breakers, MeterRegistry m) {
            Map<String, UpstreamProtection> protections = new HashMap<>();
            for (String service : SERVICES) {
                protections.put(
                        service, new UpstreamProtection(service, breakers.circuitBreaker("upstream-" + service), m));
            }
            return protections;
        }

        RouterFunction<ServerResponse> to(String service, UnaryOperator<String> servicePath, String... paths) {
            RequestPredicate predicate = path(paths[0]);
            for (int i = 1; i < paths.length; i++) {
                predicate = predicate.or(path(paths[i]));
            }
            return RouterFunctions.route()
                    .route(predicate, proxy(service, servicePath))
                    .filter(rateLimits) // first: a refused request costs the service nothing
                    .filter(protections.get(service))
                    .build();
        }

        RouterFunction<ServerResponse> apiDocs(String service) {
            return RouterFunctions.route()
                    .GET("/api-docs/" + service, proxy(service, path -> "/v3/api-docs"))
                    .filter(rateLimits)
                    .filter(protections.get(service))
                    .build();
        }

        /**
         * A service's chaos API: outside the service's breaker and chaos' own faults on calls to it, so that an
         * operator can always clear what they set, whatever state it left the service's route in.
         */
        RouterFunction<ServerResponse> chaos(String service) {
            String prefix = "/api/v1/chaos/" + service;
            UpstreamProxy proxy =
                    proxy(service, path -> "/api/v1/chaos" + path.substring(prefix.length()), Dependency.none());
            return RouterFunctions.route()
                    .route(path(prefix).or(path(prefix + "/**")), proxy)
                    .filter(rateLimits)
                    .build();
        }

        private UpstreamProxy proxy(String service, UnaryOperator<String> servicePath) {
            return proxy(service, servicePath, Dependency.declare(chaos, "upstream-" + service));
        }

        private UpstreamProxy proxy(String service, UnaryOperator<String> servicePath, Dependency faults) {
            UpstreamSettings.Upstream upstream = upstreams.byService().get(service);
            return new UpstreamProxy(
                    service,
                    upstream,
                    UpstreamClient.timeouts(upstream, upstreams.poolWait()),
                    servicePath,
                    client,
                    faults,
                    headers,
                    tracer,
                    propagator,
                    meters);
        }
    }

    @Bean
    UpstreamClient upstreamClient(UpstreamSettings upstreams, MeterRegistry meters) {
        return new UpstreamClient(upstreams, meters);
    }

    /** After the security chain and the body size limit, before anything is routed. */
    @Bean
    FilterRegistrationBean<WholeRequestBodies> wholeRequestBodies(
            UpstreamSettings upstreams, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        var registration =
                new FilterRegistrationBean<>(new WholeRequestBodies(upstreams.requestBodyTimeout(), problems));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 20);
        return registration;
    }
}
