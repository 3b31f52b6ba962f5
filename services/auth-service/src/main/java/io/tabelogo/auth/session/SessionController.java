package io.tabelogo.auth.session;

import io.tabelogo.auth.account.User;
import io.tabelogo.platform.web.ClientIpResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
class SessionController {

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
}
