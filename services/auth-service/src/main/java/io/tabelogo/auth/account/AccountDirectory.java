package io.tabelogo.auth.account;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** What other features may ask about accounts (the {@link Accounts} table itself stays internal). */
@Service
public class AccountDirectory {

    private final Accounts accounts;

    AccountDirectory(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The credentials of the live, active account with this (normalised) email. */
    public Optional<Credentials> credentials(String email) {
        return accounts.findCredentials(AccountRules.normalizeEmail(email));
    }

    /** The live, active account with this id. */
    public Optional<User> find(UUID id) {
        return accounts.findLive(id);
    }

    public static String normalizeEmail(String email) {
        return AccountRules.normalizeEmail(email);
    }
}
