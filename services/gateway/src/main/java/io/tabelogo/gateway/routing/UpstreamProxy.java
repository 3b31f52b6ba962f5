package io.tabelogo.gateway.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.tabelogo.platform.chaos.Dependency;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Sends a routed request on to its service and streams the answer back, copying each header once between the
 * servlet and HttpClient (no intermediate header maps, no second client observation: the bench showed those were
 * most of what a proxied request cost). The call is a client span under the request's server span, whose context
 * goes to the service in {@code traceparent}, and a sample of {@code gateway_upstream_requests{service,outcome}}.
 * A body is passed through as it arrives and flushed whenever the service pauses, so SSE events are not held back.
 */
final class UpstreamProxy implements HandlerFunction<ServerResponse> {

    private final String service;
    private final HttpHost target;
    private final RequestConfig timeouts;
    private final UnaryOperator<String> path;
    private final UpstreamClient client;
    private final Dependency chaos;
    private final ForwardedHeaders headers;
    private final Tracer tracer;
    private final Propagator propagator;
    private final Map<String, Timer> timers;

    /**
     * @param path the service's path for the client's (without its query), or {@code null} to pass the client's path
     *     and query on as they were sent
     * @param chaos the chaos faults of calls to this service (a handle that does nothing when chaos is off)
     */
    UpstreamProxy(
            String service,
            UpstreamSettings.Upstream upstream,
            RequestConfig timeouts,
            UnaryOperator<String> path,
            UpstreamClient client,
            Dependency chaos,
            ForwardedHeaders headers,
            Tracer tracer,
            Propagator propagator,
            MeterRegistry meters) {
        this.service = service;
        this.target = UpstreamClient.target(upstream);
        this.timeouts = timeouts;
        this.path = path;
        this.client = client;
        this.chaos = chaos;
        this.headers = headers;
        this.tracer = tracer;
        this.propagator = propagator;
        this.timers = Map.of(
                "success", timer(meters, service, "success"),
                "client_error", timer(meters, service, "client_error"),
                "server_error", timer(meters, service, "server_error"),
                "failed", timer(meters, service, "failed"));
    }

    private static Timer timer(MeterRegistry meters, String service, String outcome) {
        return Timer.builder("gateway.upstream.requests")
                .description("Calls to a service, until its answer's head arrived (failed: no answer)")
                .tag("service", service)
                .tag("outcome", outcome)
                .register(meters);
    }

    @Override
    public ServerResponse handle(ServerRequest request) throws Exception {
        HttpServletRequest from = request.servletRequest();
        ClassicHttpRequest to = new BasicClassicHttpRequest(from.getMethod(), target, pathAndQuery(from));
        headers.towardsService(from, to);
        byte[] body = WholeRequestBodies.of(from);
        if (body != null || from.getContentLengthLong() == 0) {
            to.setEntity(new ByteArrayEntity(body == null ? new byte[0] : body, null)); // Content-Type as sent
        }
        Span span = tracer.spanBuilder() // a child of the current (server) span
                .name(from.getMethod())
                .kind(Span.Kind.CLIENT)
                .remoteServiceName(service)
                .tag("http.request.method", from.getMethod())
                .start();
        propagator.inject(span.context(), to, (carrier, name, value) -> carrier.setHeader(name, value));
        long start = System.nanoTime();
        try {
            chaos.beforeCall(() -> new UncheckedIOException(
                    new ConnectException("failure injected by a chaos fault on calls to " + service)));
            ClassicHttpResponse answer = client.open(target, timeouts, to);
            int status = answer.getCode();
            timers.get(status >= 500 ? "server_error" : status >= 400 ? "client_error" : "success")
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            span.tag("http.response.status_code", Integer.toString(status));
            return new Answer(answer);
        } catch (Exception failure) {
            timers.get("failed").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            span.error(failure);
            throw failure;
        } finally {
            span.end();
        }
    }

    private String pathAndQuery(HttpServletRequest from) {
        if (path != null) {
            return path.apply(from.getRequestURI());
        }
        String query = from.getQueryString();
        return query == null ? from.getRequestURI() : from.getRequestURI() + "?" + query;
    }

    /**
     * The service's answer as the handler's response: status and headers written straight from HttpClient's, plus
     * what the edge adds on the way out ({@link #headers()}, e.g. the rate-limit headers), then the body.
     */
    private static final class Answer implements ServerResponse {

        private final ClassicHttpResponse answer;
        private final HttpHeaders added = new HttpHeaders();

        Answer(ClassicHttpResponse answer) {
            this.answer = answer;
        }

        @Override
        public HttpStatusCode statusCode() {
            return HttpStatusCode.valueOf(answer.getCode());
        }

        @Override
        public HttpHeaders headers() {
            return added;
        }

        @Override
        public MultiValueMap<String, Cookie> cookies() {
            return new LinkedMultiValueMap<>();
        }

        @Override
        public ModelAndView writeTo(HttpServletRequest request, HttpServletResponse response, Context context)
                throws IOException {
            try (answer) {
                response.setStatus(answer.getCode());
                ForwardedHeaders.backToClient(answer, response);
                added.forEach((name, values) -> values.forEach(value -> response.setHeader(name, value)));
                HttpEntity entity = answer.getEntity();
                if (entity != null) {
                    try (InputStream in = entity.getContent()) {
                        copy(in, response.getOutputStream());
                    }
                }
            }
            return null;
        }

        /** Writes what arrives; flushes whenever nothing more is waiting, so a stream's events go out at once. */
        private static void copy(InputStream in, OutputStream out) throws IOException {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                if (in.available() == 0) {
                    out.flush();
                }
            }
        }
    }
}
