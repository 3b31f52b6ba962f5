package io.tabelogo.auth.account;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ApiException.FieldProblem;
import java.util.List;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Creating accounts, for HTTP and gRPC alike, counted in {@code auth_register_total{status}}: success, failed
 * (invalid input) or email_taken.
 */
@Service
public class Registration {

    public static final String EMAIL_TAKEN = "AUTH_EMAIL_TAKEN";

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final Counter succeeded;
    private final Counter failed;
    private final Counter emailTaken;

    Registration(Accounts accounts, PasswordEncoder passwords, MeterRegistry meters) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.succeeded = outcome(meters, "success");
        this.failed = outcome(meters, "failed");
        this.emailTaken = outcome(meters, "email_taken");
    }

    public User register(String email, String password, String username) {
        List<FieldProblem> problems = AccountRules.check(email, password, username);
        if (!problems.isEmpty()) {
            failed.increment();
            throw ApiException.validation("The account details are not valid.", problems);
        }
        String hash = passwords.encode(password);
        return accounts.insert(AccountRules.normalizeEmail(email), hash, username.strip())
                .map(user -> {
                    succeeded.increment();
                    return user;
                })
                .orElseThrow(() -> {
                    emailTaken.increment();
                    return ApiException.conflict(EMAIL_TAKEN, "An account with this email already exists.");
                });
    }

    private static Counter outcome(MeterRegistry meters, String status) {
        return Counter.builder("auth.register")
                .description("Registration attempts by outcome")
                .tag("status", status)
                .register(meters);
    }
}
