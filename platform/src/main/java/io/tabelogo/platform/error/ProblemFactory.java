package io.tabelogo.platform.error;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.tabelogo.platform.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.function.ServerResponse;

/** Builds the one problem+json shape of docs/architecture.md: RFC 9457 fields plus code, request_id, trace_id. */
public final class ProblemFactory {

    private final SingletonSupplier<Tracer> tracer; // looked up once: a lookup per problem costs more than the rest

    public ProblemFactory(ObjectProvider<Tracer> tracer) {
        this.tracer = SingletonSupplier.of(tracer::getIfAvailable);
    }

    public ProblemDetail create(HttpStatusCode status, String code, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return complete(problem, code, request);
    }

    /** Adds the Tabelogo fields to a problem Spring built (its status and detail are kept). */
    public ProblemDetail complete(ProblemDetail problem, String code, HttpServletRequest request) {
        problem.setType(URI.create(
                "urn:tabelogo:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        if (request != null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        problem.setProperty("code", code);
        problem.setProperty("request_id", requestId(request));
        problem.setProperty("trace_id", traceId(request));
        return problem;
    }

    /**
     * {@code refused} as the answer of a functional route or filter, which returns it instead of throwing: the
     * same problem+json as when it is thrown, without Spring MVC's exception resolution, which costs more than the
     * rest of a refusal (the gateway's 429s).
     */
    public ServerResponse response(ApiException refused, HttpServletRequest request) {
        ProblemDetail problem =
                withErrors(create(refused.status(), refused.code(), refused.getMessage(), request), refused.errors());
        return ServerResponse.status(refused.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .headers(headers -> refused.headers().forEach(headers::set))
                .body(problem);
    }

    public ProblemDetail withErrors(ProblemDetail problem, List<ApiException.FieldProblem> errors) {
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    private static String requestId(HttpServletRequest request) {
        Object fromRequest = request == null ? null : request.getAttribute(RequestIdFilter.ATTRIBUTE);
        return fromRequest != null ? fromRequest.toString() : MDC.get(RequestIdFilter.MDC_KEY);
    }

    private String traceId(HttpServletRequest request) {
        Tracer current = tracer.get();
        Span span = current == null ? null : current.currentSpan();
        if (span == null && request != null) {
            // An error dispatch (/error, e.g. after the HTTP firewall refused the request) runs outside the request's
            // span; the request still carries its observation, and the span with it.
            span = ServerHttpObservationFilter.findObservationContext(request)
                    .map(context -> context.<TracingObservationHandler.TracingContext>get(
                            TracingObservationHandler.TracingContext.class))
                    .map(TracingObservationHandler.TracingContext::getSpan)
                    .orElse(null);
        }
        if (span != null) {
            return span.context().traceId();
        }
        return MDC.get("traceId");
    }
}
