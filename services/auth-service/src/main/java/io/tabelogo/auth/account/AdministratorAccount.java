package io.tabelogo.auth.account;

import io.tabelogo.platform.error.ApiException.FieldProblem;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The administrator an installation starts with ({@code TABELOGO_ADMIN_EMAIL} and {@code TABELOGO_ADMIN_PASSWORD}):
 * created before the service takes traffic when no live account has the email, made an administrator when one has
 * (its password left as it is). Without an email nothing happens, and administrators are made in the database.
 */
@Component
class AdministratorAccount implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdministratorAccount.class);

    /** @param email the administrator's email; empty: none @param password its password on creation */
    @ConfigurationProperties("tabelogo.auth.admin")
    record Settings(String email, String password) {}

    private final Settings settings;
    private final Accounts accounts;
    private final PasswordEncoder passwords;

    AdministratorAccount(Settings settings, Accounts accounts, PasswordEncoder passwords) {
        this.settings = settings;
        this.accounts = accounts;
        this.passwords = passwords;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (settings.email() == null || settings.email().isBlank()) {
            return;
        }
        // The same rules as any account's: a weak or missing password stops the start, saying what is wrong.
        List<FieldProblem> problems = AccountRules.check(settings.email(), settings.password(), "administrator");
        if (!problems.isEmpty()) {
            throw new IllegalStateException("TABELOGO_ADMIN_EMAIL/TABELOGO_ADMIN_PASSWORD: "
                    + problems.stream()
                            .map(problem -> problem.field() + " " + problem.message())
                            .collect(Collectors.joining("; ")));
        }
        String email = AccountRules.normalizeEmail(settings.email());
        if (accounts.insert(email, passwords.encode(settings.password()), "administrator", "admin")
                .isPresent()) {
            log.info("Administrator account {} created", email);
        } else if (accounts.promoteToAdministrator(email)) {
            log.warn("Account {} made an administrator (TABELOGO_ADMIN_EMAIL)", email);
        }
    }
}
