package io.tabelogo.auth.account;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
class AccountController {

    private final Registration registration;

    AccountController(Registration registration) {
        this.registration = registration;
    }

    record RegisterRequest(String email, String password, String username) {}

    record UserResponse(User user) {}

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    UserResponse register(@RequestBody RegisterRequest request) {
        return new UserResponse(registration.register(request.email(), request.password(), request.username()));
    }
}
