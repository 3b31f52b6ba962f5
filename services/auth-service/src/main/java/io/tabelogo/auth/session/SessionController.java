package io.tabelogo.auth.session;

import io.tabelogo.auth.account.User;
import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.web.ClientIpResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

    SessionController(Login login, TokenRefresh refresh, Logout logout, ClientIpResolver clientIp) {
        this.login = login;
        this.refresh = refresh;
        this.logout = logout;
        this.clientIp = clientIp;
    }

    record LoginRequest(String email, String password, Boolean rememberMe) {}

    record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, User user) {}

    record RefreshRequest(String refreshToken) {}

    record RefreshResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {}

    @PostMapping("/login")
    TokenResponse login(@RequestBody LoginRequest request, HttpServletRequest http) {
        var origin = new Login.Origin(http.getHeader(HttpHeaders.USER_AGENT), clientIp.resolve(http));
        var loggedIn =
                login.login(request.email(), request.password(), Boolean.TRUE.equals(request.rememberMe()), origin);
        return new TokenResponse(
                loggedIn.accessToken(), loggedIn.refreshToken(), "Bearer", loggedIn.expiresIn(), loggedIn.user());
    }

    @PostMapping("/refresh")
    RefreshResponse refresh(@RequestBody RefreshRequest request) {
        var refreshed = refresh.refresh(request.refreshToken());
        return new RefreshResponse(refreshed.accessToken(), refreshed.refreshToken(), "Bearer", refreshed.expiresIn());
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@AuthenticationPrincipal Jwt token) {
        logout.session(UUID.fromString(token.getClaimAsString("sid")));
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
