package io.tabelogo.auth.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tabelogo.auth.account.User;
import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.web.ClientIpResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
class SessionController {

    static final String SESSION_NOT_FOUND = "AUTH_SESSION_NOT_FOUND";

    private final Login login;
    private final TokenRefresh refresh;
    private final Logout logout;
    private final ClientIpResolver clientIp;
    private final RefreshCookie cookie;

    SessionController(
            Login login, TokenRefresh refresh, Logout logout, ClientIpResolver clientIp, RefreshCookie cookie) {
        this.login = login;
        this.refresh = refresh;
        this.logout = logout;
        this.clientIp = clientIp;
        this.cookie = cookie;
    }

    /** {@code refresh_cookie}: the refresh token goes into an HttpOnly cookie instead of the body (browsers). */
    record LoginRequest(String email, String password, Boolean rememberMe, Boolean refreshCookie) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, User user) {}

    /** No {@code refresh_token}: the refresh cookie is used (with the CSRF header and the app's Origin). */
    record RefreshRequest(String refreshToken) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RefreshResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {}

    @PostMapping("/login")
    ResponseEntity<TokenResponse> login(@RequestBody LoginRequest request, HttpServletRequest http) {
        var origin = new Login.Origin(http.getHeader(HttpHeaders.USER_AGENT), clientIp.resolve(http));
        var loggedIn =
                login.login(request.email(), request.password(), Boolean.TRUE.equals(request.rememberMe()), origin);
        if (Boolean.TRUE.equals(request.refreshCookie())) {
            return ResponseEntity.ok()
                    .header(
                            HttpHeaders.SET_COOKIE,
                            cookie.issue(loggedIn.refreshToken(), loggedIn.sessionOpenUntil(), http))
                    .body(new TokenResponse(
                            loggedIn.accessToken(), null, "Bearer", loggedIn.expiresIn(), loggedIn.user()));
        }
        return ResponseEntity.ok(new TokenResponse(
                loggedIn.accessToken(), loggedIn.refreshToken(), "Bearer", loggedIn.expiresIn(), loggedIn.user()));
    }

    @PostMapping("/refresh")
    ResponseEntity<RefreshResponse> refresh(
            @RequestBody(required = false) RefreshRequest request, HttpServletRequest http) {
        if (request != null && request.refreshToken() != null) {
            var refreshed = refresh.refresh(request.refreshToken());
            return ResponseEntity.ok(new RefreshResponse(
                    refreshed.accessToken(), refreshed.refreshToken(), "Bearer", refreshed.expiresIn()));
        }
        // No token in the body: the refresh cookie, if the browser sent one (none: 401 AUTH_REFRESH_INVALID).
        String fromCookie = cookie.read(http).orElse(null);
        if (fromCookie != null) {
            cookie.checkCsrf(http);
        }
        var refreshed = refresh.refresh(fromCookie);
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.SET_COOKIE,
                        cookie.issue(refreshed.refreshToken(), refreshed.sessionOpenUntil(), http))
                .body(new RefreshResponse(refreshed.accessToken(), null, "Bearer", refreshed.expiresIn()));
    }

    /** Ends the session of the access token; a refresh cookie, if the browser sent one, is removed too. */
    @PostMapping("/logout")
    ResponseEntity<Void> logout(@AuthenticationPrincipal Jwt token, HttpServletRequest http) {
        logout.session(UUID.fromString(token.getClaimAsString("sid")));
        var answer = ResponseEntity.noContent();
        if (cookie.read(http).isPresent()) {
            answer.header(HttpHeaders.SET_COOKIE, cookie.clear(http));
        }
        return answer.build();
    }

    @PostMapping("/logout-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logoutEverywhere(@AuthenticationPrincipal Jwt token) {
        logout.everySession(UUID.fromString(token.getSubject()));
    }

    record SessionItem(
            UUID id,
            String deviceInfo,
            String ipAddress,
            Instant createdAt,
            Instant lastActiveAt,
            Instant expiresAt,
            boolean current) {}

    record SessionList(List<SessionItem> sessions) {}

    @GetMapping("/sessions")
    SessionList sessions(@AuthenticationPrincipal Jwt token) {
        String current = token.getClaimAsString("sid");
        return new SessionList(logout.openSessions(UUID.fromString(token.getSubject())).stream()
                .map(s -> new SessionItem(
                        s.id(),
                        s.deviceInfo(),
                        s.ipAddress(),
                        s.createdAt(),
                        s.lastActiveAt(),
                        s.expiresAt(),
                        s.id().toString().equals(current)))
                .toList());
    }

    @DeleteMapping("/sessions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void endSession(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        if (!logout.ownSession(UUID.fromString(token.getSubject()), id)) {
            throw ApiException.notFound(SESSION_NOT_FOUND, "You have no open session " + id + ".");
        }
    }
}
