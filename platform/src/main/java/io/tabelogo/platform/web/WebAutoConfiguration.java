package io.tabelogo.platform.web;

import io.micrometer.tracing.Tracer;
import io.tabelogo.platform.error.ContainerProblemValve;
import io.tabelogo.platform.error.ProblemErrorController;
import io.tabelogo.platform.error.ProblemFactory;
import io.tabelogo.platform.error.ProblemHandler;
import org.apache.catalina.core.StandardHost;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Errors as problem+json, request ids (in and out), the access log, the body size limit, the client IP resolver, HTTP
 * caching of public reads.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@EnableConfigurationProperties(HttpSettings.class)
public class WebAutoConfiguration {

    @Bean
    ProblemFactory problemFactory(ObjectProvider<Tracer> tracer) {
        return new ProblemFactory(tracer);
    }

    @Bean
    ProblemHandler problemHandler(ProblemFactory problems) {
        return new ProblemHandler(problems);
    }

    @Bean
    ProblemErrorController problemErrorController(ProblemFactory problems) {
        return new ProblemErrorController(problems);
    }

    /** Tomcat's own refusals, before any filter runs (a {@code %00} in a path), as problem+json too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> containerProblems(ObjectProvider<Tracer> tracer) {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // The host adds an error report valve of this class only when its pipeline has none.
                host.setErrorReportValveClass(ContainerProblemValve.class.getName());
                host.getPipeline().addValve(new ContainerProblemValve(tracer));
            }
        });
    }

    @Bean
    ClientIpResolver clientIpResolver(HttpSettings settings) {
        return new ClientIpResolver(settings.trustedProxies());
    }

    @Bean
    PublicReads publicReads(HttpSettings settings) {
        return new PublicReads(settings);
    }

    /** Outermost, so even a rejected request (413, 401) has an id. */
    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Inside the tracing filter (HIGHEST_PRECEDENCE + 1), so the access log line carries the trace id. */
    @Bean
    FilterRegistrationBean<AccessLogFilter> accessLogFilter(ClientIpResolver clientIp) {
        var registration = new FilterRegistrationBean<>(new AccessLogFilter(clientIp));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
            HttpSettings settings, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        var registration = new FilterRegistrationBean<>(new BodySizeLimitFilter(settings.maxBodySize(), problems));
        // After Spring Security's chain, so a 413 still carries the security and CORS headers.
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }

    /** Outgoing HTTP calls carry the current request id (traceparent is added by Boot's observation). */
    @Bean
    RestClientCustomizer requestIdPropagation() {
        return builder -> builder.requestInterceptor((request, body, execution) -> {
            String requestId = MDC.get(RequestIdFilter.MDC_KEY);
            if (requestId != null) {
                request.getHeaders().set(RequestIdFilter.HEADER, requestId);
            }
            return execution.execute(request, body);
        });
    }
}
