package io.tabelogo.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-ID} when it is well formed (so one id follows a
 * request across services), otherwise a new UUID. Echoed on the response and put in the MDC of every log line.
 */
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-ID";
    public static final String MDC_KEY = "request_id";
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

    /** Ids are echoed into headers and logs: a short, safe alphabet prevents header and log injection. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = idOf(request);
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
            MDC.remove(UserIdFilter.MDC_KEY);
        }
    }

    // The error dispatch of a failed request keeps the id its logs already carry.
    private static String idOf(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String known) {
            return known;
        }
        return wellFormedOrNew(request.getHeader(HEADER));
    }

    /** The caller's id when it is well formed, else a new one (also used for gRPC metadata). */
    public static String wellFormedOrNew(String candidate) {
        return candidate != null && WELL_FORMED.matcher(candidate).matches() ? candidate : newId();
    }

    /**
     * A random (version 4) UUID from {@link ThreadLocalRandom}: a request id correlates log lines and guards
     * nothing, and {@code UUID.randomUUID()} takes one process-wide SecureRandom lock per request.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false; // the error page must still carry the id
    }
}
