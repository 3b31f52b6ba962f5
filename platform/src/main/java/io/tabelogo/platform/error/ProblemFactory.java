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
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.ServerHttpObservationFilter;

/** Builds the one problem+json shape of ARCHITECTURE.md: RFC 9457 fields plus code, request_id, trace_id. */
public final class ProblemFactory {

    private final ObjectProvider<Tracer> tracer;

    public ProblemFactory(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
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
        Tracer current = tracer.getIfAvailable();
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
