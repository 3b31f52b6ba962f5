package io.tabelogo.auth.session;

import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.web.ClientIpResolver;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Cookie mode for browsers (the web app): the refresh token travels in an {@code HttpOnly; SameSite=Strict} cookie
 * limited to {@code /api/v1/auth}, so no script can read it, and the access token stays in the app's memory. A
 * request that relies on the cookie must also carry {@code X-Tabelogo-CSRF: 1} (a header a cross-site form cannot
 * send) and an {@code Origin} of the app itself, as the browser addressed it (the gateway, a trusted proxy, passes
 * the host on in {@code X-Forwarded-Host}). {@code Secure} is left out only for plain HTTP on a loopback host (development).
 */
@Component
class RefreshCookie {

    static final String NAME = "tabelogo_refresh";
    static final String PATH = "/api/v1/auth";
    static final String CSRF_HEADER = "X-Tabelogo-CSRF";
    static final String CSRF_REQUIRED = "AUTH_CSRF_CHECK_FAILED";
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private final ClientIpResolver clientIp;
    private final Clock clock;

    RefreshCookie(ClientIpResolver clientIp, Clock clock) {
        this.clientIp = clientIp;
        this.clock = clock;
    }

    /** The cookie holding {@code token} until the session ends. */
    String issue(String token, Instant sessionOpenUntil, HttpServletRequest request) {
        Duration maxAge = Duration.between(clock.instant(), sessionOpenUntil);
        return base(token, request)
                .maxAge(maxAge.isNegative() ? Duration.ZERO : maxAge)
                .build()
                .toString();
    }

    /** The cookie's removal (logout). */
    String clear(HttpServletRequest request) {
        return base("", request).maxAge(Duration.ZERO).build().toString();
    }

    Optional<String> read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies == null
                ? Optional.empty()
                : Arrays.stream(cookies)
                        .filter(cookie -> NAME.equals(cookie.getName())
                                && !cookie.getValue().isBlank())
                        .map(Cookie::getValue)
                        .findFirst();
    }

    /** A request acting on the cookie: the custom header and the app's own origin, else 403 with nothing done. */
    void checkCsrf(HttpServletRequest request) {
        if (!"1".equals(request.getHeader(CSRF_HEADER))) {
            throw refused("Send the " + CSRF_HEADER + ": 1 header with a request that uses the refresh cookie.");
        }
        String origin = request.getHeader("Origin");
        if (origin == null || !origin.equalsIgnoreCase(ownOrigin(request))) {
            throw refused("A request that uses the refresh cookie must come from the app's own origin.");
        }
    }

    private ResponseCookie.ResponseCookieBuilder base(String value, HttpServletRequest request) {
        return ResponseCookie.from(NAME, value)
                .httpOnly(true)
                .secure(!plainHttpLoopback(request))
                .sameSite("Strict")
                .path(PATH);
    }

    /** scheme://host[:port] as the browser addressed the app. */
    private String ownOrigin(HttpServletRequest request) {
        return (clientIp.isHttps(request) ? "https" : "http") + "://" + clientIp.host(request);
    }

    private boolean plainHttpLoopback(HttpServletRequest request) {
        if (clientIp.isHttps(request)) {
            return false;
        }
        String host = clientIp.host(request);
        if (host == null) {
            return false;
        }
        String name = URI.create("http://" + host).getHost();
        return name != null && LOOPBACK.contains(name.toLowerCase(Locale.ROOT));
    }

    private static ApiException refused(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, CSRF_REQUIRED, detail);
    }
}
