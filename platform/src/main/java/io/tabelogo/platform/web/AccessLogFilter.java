package io.tabelogo.platform.web;

import io.tabelogo.platform.error.Failures;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One log line per request (logger {@code tabelogo.access}): method, route template (not the raw path, so ids
 * and tokens in URLs stay out of logs), status, duration and client ip, as key-value pairs of the JSON line.
 * Probe and scrape requests are left out: they would drown real traffic.
 */
class AccessLogFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("tabelogo.access");

    private final ClientIpResolver clientIp;

    AccessLogFilter(ClientIpResolver clientIp) {
        this.clientIp = clientIp;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException failure) {
            // Escapes to the container, which answers (usually 500) after this filter has returned.
            log(request, Failures.classifyOrInternal(failure).status().value(), start);
            throw failure;
        }
        if (request.isAsyncStarted()) { // streams (SSE): log when the response is really complete
            request.getAsyncContext().addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    log(request, response.getStatus(), start);
                }

                @Override
                public void onTimeout(AsyncEvent event) {}

                @Override
                public void onError(AsyncEvent event) {}

                @Override
                public void onStartAsync(AsyncEvent event) {}
            });
        } else {
            log(request, response.getStatus(), start);
        }
    }

    private void log(HttpServletRequest request, int status, long start) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern != null ? pattern.toString() : "UNMATCHED";
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        var line = log.atInfo()
                .addKeyValue("method", request.getMethod())
                .addKeyValue("route", route)
                .addKeyValue("status", status)
                .addKeyValue("duration_ms", durationMs)
                .addKeyValue("client_ip", clientIp.resolve(request));
        if (MDC.get(RequestIdFilter.MDC_KEY) == null) { // async completion runs on another thread
            line = line.addKeyValue(RequestIdFilter.MDC_KEY, request.getAttribute(RequestIdFilter.ATTRIBUTE));
        }
        line.log("{} {} {} {}ms", request.getMethod(), route, status, durationMs);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/metrics") || path.startsWith("/health");
    }
}
