package io.tabelogo.platform.error;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.tabelogo.platform.web.RequestIdFilter;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error answers — requests it refuses before any application code runs, such as a path holding
 * {@code %00} or an encoded slash — as problem+json in the shape of every other error here, instead of Tomcat's
 * HTML page. Installed in the host as its error report valve; errors the application handled are left alone.
 */
public class ContainerProblemValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectProvider<Tracer> tracer;

    public ContainerProblemValve(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String code = ProblemHandler.codeForStatus(status);
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put(
                "type",
                URI.create(
                        "urn:tabelogo:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.put("title", known != null ? known.getReasonPhrase() : "Error");
        problem.put("status", status);
        problem.put(
                "detail",
                status == 400
                        ? "The request could not be read: its path or headers are malformed."
                        : "The request could not be handled.");
        problem.put("code", code);
        String requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE) instanceof String id
                ? id
                : UUID.randomUUID().toString();
        problem.put("request_id", requestId);
        problem.put("trace_id", traceOfTheRefusal(request, status));
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader(RequestIdFilter.HEADER, requestId);
            Writer body = response.getReporter();
            if (body != null) {
                body.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the answer is already on its way: nothing more to say
        }
    }

    /** No filter ran, so no span exists: the refusal gets a span of its own, so that it shows in the traces. */
    private String traceOfTheRefusal(Request request, int status) {
        Tracer current = tracer.getIfAvailable();
        if (current == null) {
            return null;
        }
        Span span = current.nextSpan()
                .name("http " + request.getMethod() + " refused by the server")
                .tag("http.response.status_code", Integer.toString(status))
                .start();
        span.end();
        return span.context().traceId();
    }
}
