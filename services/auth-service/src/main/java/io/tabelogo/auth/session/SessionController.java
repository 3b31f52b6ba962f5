package io.tabelogo.auth.session;

import io.tabelogo.auth.account.User;
import io.tabelogo.platform.web.ClientIpResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
class SessionController {

    private final Login login;
    private final ClientIpResolver clientIp;

    SessionController(Login login, ClientIpResolver clientIp) {
        this.login = login;
        this.clientIp = clientIp;
    }

    record LoginRequest(String email, String password, Boolean rememberMe) {}

    record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, User user) {}

    @PostMapping("/login")
    TokenResponse login(@RequestBody LoginRequest request, HttpServletRequest http) {
        var origin = new Login.Origin(http.getHeader(HttpHeaders.USER_AGENT), clientIp.resolve(http));
        var loggedIn =
                login.login(request.email(), request.password(), Boolean.TRUE.equals(request.rememberMe()), origin);
        return new TokenResponse(
                loggedIn.accessToken(), loggedIn.refreshToken(), "Bearer", loggedIn.expiresIn(), loggedIn.user());
    }
}
