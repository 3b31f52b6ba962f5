package io.tabelogo.auth.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** What other features may ask about accounts (the {@link Accounts} table itself stays internal). */
@Service
public class AccountDirectory {

    // Every authenticated request looks its caller up: a few seconds of staleness (a deactivation seen up to 10 s
    // late) buys a PostgreSQL round trip per request.
    private final Cache<UUID, User> recent = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(10))
            .maximumSize(100_000)
            .build();
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
        User cached = recent.getIfPresent(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<User> user = accounts.findLive(id);
        user.ifPresent(found -> recent.put(id, found));
        return user;
    }

    /** The account as stored now, bypassing the short cache (for decisions that must not use stale data). */
    public Optional<User> findCurrent(UUID id) {
        return accounts.findLive(id);
    }

    /** Whether a normalised email could belong to an account at all (length, shape, no control characters). */
    public static boolean isPlausibleEmail(String normalizedEmail) {
        return AccountRules.isPlausibleEmail(normalizedEmail);
    }

    public static String normalizeEmail(String email) {
        return AccountRules.normalizeEmail(email);
    }
}
