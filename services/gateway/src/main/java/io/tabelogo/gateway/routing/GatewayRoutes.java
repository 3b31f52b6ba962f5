package io.tabelogo.gateway.routing;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.setPath;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.gateway.edge.EdgeRateLimits;
import io.tabelogo.platform.web.ClientIpResolver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.RequestHttpHeadersFilter;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.ResponseHttpHeadersFilter;
import org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchange;
import org.springframework.cloud.gateway.server.mvc.handler.RestClientProxyExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * SPEC §5's routes. Only these prefixes reach a service, so the services' own {@code /metrics}, {@code /health} and
 * actuator paths never do. Each route passes the edge rate limits, then its service's protection (breaker, retry,
 * timeout), then the proxy, which goes through Boot's observed {@code RestClient} (client spans, {@code traceparent}).
 */
@Configuration(proxyBeanMethods = false)
class GatewayRoutes {

    @Bean
    RouterFunction<ServerResponse> serviceRoutes(
            UpstreamSettings upstreams,
            CircuitBreakerRegistry breakers,
            EdgeRateLimits rateLimits,
            MeterRegistry meters) {
        Map<String, UpstreamProtection> protections = new HashMap<>();
        for (String service : List.of("auth", "map", "restaurant", "spider")) {
            protections.put(
                    service, new UpstreamProtection(service, breakers.circuitBreaker("upstream-" + service), meters));
        }
        return route("auth", upstreams.auth(), protections, rateLimits, "/api/v1/auth/**", "/.well-known/jwks.json")
                .and(route(
                        "restaurant",
                        upstreams.restaurant(),
                        protections,
                        rateLimits,
                        "/api/v1/restaurants",
                        "/api/v1/restaurants/**",
                        "/api/v1/me/**",
                        "/api/v1/users/**"))
                .and(route("map", upstreams.map(), protections, rateLimits, "/api/v1/map/**"))
                .and(route("spider", upstreams.spider(), protections, rateLimits, "/api/v1/spider/**"))
                .and(apiDocs("auth", upstreams.auth(), protections, rateLimits))
                .and(apiDocs("map", upstreams.map(), protections, rateLimits))
                .and(apiDocs("restaurant", upstreams.restaurant(), protections, rateLimits))
                .and(apiDocs("spider", upstreams.spider(), protections, rateLimits));
    }

    /** {@code /api-docs/<service>} → the service's {@code /v3/api-docs}, for the aggregated Swagger UI. */
    private static RouterFunction<ServerResponse> apiDocs(
            String service,
            UpstreamSettings.Upstream upstream,
            Map<String, UpstreamProtection> protections,
            EdgeRateLimits rateLimits) {
        return GatewayRouterFunctions.route(service + "-api-docs")
                .GET("/api-docs/" + service, http())
                .before(uri(upstream.url()))
                .before(setPath("/v3/api-docs"))
                .filter(rateLimits)
                .filter(protections.get(service))
                .build();
    }

    private static RouterFunction<ServerResponse> route(
            String service,
            UpstreamSettings.Upstream upstream,
            Map<String, UpstreamProtection> protections,
            EdgeRateLimits rateLimits,
            String... paths) {
        var predicate = path(paths[0]);
        for (int i = 1; i < paths.length; i++) {
            predicate = predicate.or(path(paths[i]));
        }
        return GatewayRouterFunctions.route(service)
                .route(predicate, http())
                .before(uri(upstream.url()))
                .filter(rateLimits) // first: a refused request costs the service nothing
                .filter(protections.get(service))
                .build();
    }

    /** Every service call through one client with per-service timeouts; Boot's builder makes it observed. */
    @Bean
    ProxyExchange upstreamProxyExchange(
            RestClient.Builder http,
            UpstreamSettings upstreams,
            GatewayMvcProperties properties,
            MeterRegistry meters) {
        return new RestClientProxyExchange(
                http.clone()
                        .requestFactory(new UpstreamRequestFactory(upstreams, meters))
                        .build(),
                properties);
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

    @Bean
    RequestHttpHeadersFilter forwardedTowardsServices(ClientIpResolver clientIp) {
        return ForwardedHeaders.towardsServices(clientIp);
    }

    @Bean
    ResponseHttpHeadersFilter edgeHeadersBackToClients() {
        return ForwardedHeaders.backToClients();
    }
}
