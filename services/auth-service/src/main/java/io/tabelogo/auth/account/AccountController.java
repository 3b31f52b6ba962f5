package io.tabelogo.auth.account;

import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ErrorCodes;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
class AccountController {

    private final Registration registration;
    private final AccountDirectory accounts;

    AccountController(Registration registration, AccountDirectory accounts) {
        this.registration = registration;
        this.accounts = accounts;
    }

    record RegisterRequest(String email, String password, String username) {}

    record UserResponse(User user) {}

    record ValidationResponse(boolean valid, User user) {}

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    UserResponse register(@RequestBody RegisterRequest request) {
        return new UserResponse(registration.register(request.email(), request.password(), request.username()));
    }

    @GetMapping("/me")
    UserResponse me(@AuthenticationPrincipal Jwt token) {
        return new UserResponse(caller(token));
    }

    /** Kept for clients of the first version: a valid token answers 200 with its user, anything else 401. */
    @GetMapping("/validate")
    ValidationResponse validate(@AuthenticationPrincipal Jwt token) {
        return new ValidationResponse(true, caller(token));
    }

    // A token outliving its account (deleted or deactivated) is as good as revoked.
    private User caller(Jwt token) {
        return accounts.find(UUID.fromString(token.getSubject()))
                .orElseThrow(() -> new ApiException(
                        HttpStatus.UNAUTHORIZED, ErrorCodes.AUTH_TOKEN_INVALID, "The account of this token is gone."));
    }
}
