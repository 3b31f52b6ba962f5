package io.tabelogo.platform.security;

import io.tabelogo.platform.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * CORS as a browser meets it: a preflight is always answered as CORS — 200 for a listed origin, else 403
 * {@code CORS_ORIGIN_NOT_ALLOWED} as problem+json — and never reaches authentication (a preflight carries no
 * token, so a protected route would otherwise answer 401). Where no origin is listed (CORS off, every service but
 * the gateway), actual requests pass untouched, without CORS headers: the browser keeps their answers from
 * scripts of other origins, and requests the gateway forwards with the browser's {@code Origin} still work.
 */
final class CorsRefusals extends DefaultCorsProcessor {

    static final String CODE = "CORS_ORIGIN_NOT_ALLOWED";

    private final boolean corsOn;

    CorsRefusals(boolean corsOn) {
        this.corsOn = corsOn;
    }

    @Override
    public boolean processRequest(CorsConfiguration config, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!corsOn && !CorsUtils.isPreFlightRequest(request)) {
            return true;
        }
        return super.processRequest(config, request, response);
    }

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().set("Content-Type", "application/problem+json");
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        String problem = """
                {"type":"urn:tabelogo:problem:cors-origin-not-allowed","title":"Forbidden","status":403,\
                "detail":"This origin may not call the API from a browser.","code":"%s","request_id":%s}""".formatted(CODE, requestId == null ? "null" : "\"" + requestId + "\"");
        response.getBody().write(problem.getBytes(StandardCharsets.UTF_8));
        response.flush();
    }
}
