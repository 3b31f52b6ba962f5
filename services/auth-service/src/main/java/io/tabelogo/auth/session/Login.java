package io.tabelogo.auth.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tabelogo.auth.account.AccountDirectory;
import io.tabelogo.auth.account.Credentials;
import io.tabelogo.auth.account.User;
import io.tabelogo.auth.token.AccessTokens;
import io.tabelogo.auth.token.AccessTokens.IssuedToken;
import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ApiException.FieldProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Logging in: the same answer, in about the same time, for an unknown email and a wrong password; five
 * failures in 15 minutes lock the email (423 with Retry-After); a success opens a session (at most five per user,
 * the oldest revoked) with a refresh token and an access token. Counted for HTTP and gRPC alike.
 */
@Service
public class Login {

    public static final String INVALID_CREDENTIALS = "AUTH_INVALID_CREDENTIALS";
    public static final String ACCOUNT_LOCKED = "AUTH_ACCOUNT_LOCKED";

    private final AccountDirectory accounts;
    private final Sessions sessions;
    private final SessionRevocation revocation;
    private final LoginFailures failures;
    private final AccessTokens accessTokens;
    private final PasswordEncoder passwords;
    private final SessionSettings settings;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String unknownUserHash;
    private final Map<String, Counter> outcomes;
    private final Map<String, Counter> failureReasons;
    private final Timer duration;

    Login(
            AccountDirectory accounts,
            Sessions sessions,
            SessionRevocation revocation,
            LoginFailures failures,
            AccessTokens accessTokens,
            PasswordEncoder passwords,
            SessionSettings settings,
            TransactionTemplate transaction,
            Clock clock,
            MeterRegistry meters) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.revocation = revocation;
        this.failures = failures;
        this.accessTokens = accessTokens;
        this.passwords = passwords;
        this.settings = settings;
        this.transaction = transaction;
        this.clock = clock;
        // Checked against when the email is unknown, so that answer costs one bcrypt too.
        this.unknownUserHash = passwords.encode(UUID.randomUUID().toString());
        this.outcomes = counters(meters, "auth.login", "status", "success", "failed", "blocked");
        this.failureReasons = counters(
                meters, "auth.failed.login.attempts", "reason", "wrong_password", "user_not_found", "account_locked");
        this.duration = Timer.builder("auth.login.duration")
                .description("Time to answer a login, bcrypt included")
                .publishPercentileHistogram()
                .register(meters);
        Gauge.builder("auth.active.sessions", () -> sessions.countActive(clock.instant()))
                .description("Sessions neither revoked nor expired")
                .register(meters);
    }

    /** What a successful login hands the client. */
    /** {@code sessionOpenUntil}: when the session (and so its refresh token) ends. */
    public record LoggedIn(
            String accessToken, String refreshToken, long expiresIn, User user, Instant sessionOpenUntil) {}

    /** Who logs in from where, kept with the session (device_info truncated to 255). */
    public record Origin(String deviceInfo, String ipAddress) {}

    public LoggedIn login(String email, String password, boolean rememberMe, Origin origin) {
        return duration.record(() -> attempt(email, password, rememberMe, origin));
    }

    private LoggedIn attempt(String email, String password, boolean rememberMe, Origin origin) {
        requirePresent(email, password);
        String normalized = AccountDirectory.normalizeEmail(email);
        if (!AccountDirectory.isPlausibleEmail(normalized)) {
            // Cannot be an account: answered like a wrong password, without touching the database.
            outcomes.get("failed").increment();
            failureReasons.get("user_not_found").increment();
            throw invalidCredentials();
        }
        Instant now = clock.instant();
        // Counted before the password is checked, so parallel guesses cannot all slip under the threshold.
        Optional<Instant> lockedUntil = transaction.execute(status -> reserveAttempt(normalized, now));
        if (lockedUntil.isPresent()) {
            outcomes.get("blocked").increment();
            failureReasons.get("account_locked").increment();
            long retryAfter =
                    Math.max(1, Duration.between(now, lockedUntil.get()).toSeconds() + 1);
            throw new ApiException(
                            HttpStatus.LOCKED,
                            ACCOUNT_LOCKED,
                            "Too many failed logins. Try again in " + retryAfter + " s.")
                    .withHeader("Retry-After", Long.toString(retryAfter));
        }
        Optional<Credentials> credentials = accounts.credentials(normalized);
        boolean passwordMatches = passwords.matches(
                password, credentials.map(Credentials::passwordHash).orElse(unknownUserHash));
        if (credentials.isEmpty() || !passwordMatches) {
            transaction.executeWithoutResult(status -> confirmFailure(normalized, clock.instant()));
            outcomes.get("failed").increment();
            failureReasons
                    .get(credentials.isEmpty() ? "user_not_found" : "wrong_password")
                    .increment();
            throw invalidCredentials();
        }
        User user = credentials.get().user();
        LoggedIn loggedIn = transaction.execute(status -> openSession(user, rememberMe, origin, now));
        failures.clear(normalized);
        outcomes.get("success").increment();
        return loggedIn;
    }

    /** Empty when the attempt may go on (its failure is recorded in advance), else when the lock ends. */
    private Optional<Instant> reserveAttempt(String email, Instant now) {
        failures.lockEmail(email);
        Optional<Instant> locked = failures.lockedUntil(email, now);
        if (locked.isPresent()) {
            return locked;
        }
        if (failures.countSince(email, now.minus(settings.lockoutWindow())) >= settings.lockoutThreshold()) {
            Instant until = now.plus(settings.lockoutWindow());
            failures.lock(email, until);
            return Optional.of(until);
        }
        failures.record(email, now);
        return Optional.empty();
    }

    /** The failure recorded in advance stands; the one that reaches the threshold locks for a full window. */
    private void confirmFailure(String email, Instant now) {
        failures.lockEmail(email);
        if (failures.countSince(email, now.minus(settings.lockoutWindow())) >= settings.lockoutThreshold()) {
            failures.lock(email, now.plus(settings.lockoutWindow()));
        }
    }

    private static ApiException invalidCredentials() {
        return new ApiException(HttpStatus.UNAUTHORIZED, INVALID_CREDENTIALS, "Wrong email or password.");
    }

    private LoggedIn openSession(User user, boolean rememberMe, Origin origin, Instant now) {
        sessions.lockUser(user.id());
        List<UUID> active = sessions.activeOldestFirst(user.id(), now);
        int excess = active.size() - (settings.maxPerUser() - 1);
        if (excess > 0) {
            revocation.revoke(active.subList(0, excess), now);
        }
        UUID sessionId = UUID.randomUUID();
        Instant expiresAt = now.plus(rememberMe ? settings.rememberMeLifetime() : settings.lifetime());
        sessions.create(
                sessionId,
                user.id(),
                printable(origin.deviceInfo(), 255),
                printable(origin.ipAddress(), 64),
                now,
                expiresAt);
        String refreshToken = RefreshTokenValues.newToken();
        sessions.addRefreshToken(sessionId, RefreshTokenValues.hash(refreshToken), now, expiresAt);
        IssuedToken access = accessTokens.issue(user.id(), user.role(), sessionId);
        return new LoggedIn(access.value(), refreshToken, access.expiresIn(), user, expiresAt);
    }

    private static void requirePresent(String email, String password) {
        List<FieldProblem> missing = new ArrayList<>();
        if (email == null || email.isBlank()) {
            missing.add(new FieldProblem("email", "is required"));
        }
        if (password == null || password.isEmpty()) {
            missing.add(new FieldProblem("password", "is required"));
        } else if (password.length() > 1024) {
            missing.add(new FieldProblem("password", "is too long"));
        }
        if (!missing.isEmpty()) {
            throw ApiException.validation("Email and password are required.", missing);
        }
    }

    // Client-supplied text (User-Agent, an IP a gRPC caller reports): no control characters, bounded.
    private static String printable(String value, int max) {
        if (value == null) {
            return null;
        }
        String clean = value.replaceAll("\\p{Cntrl}", "");
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

    private static Map<String, Counter> counters(MeterRegistry meters, String name, String tag, String... values) {
        var counters = new LinkedHashMap<String, Counter>();
        for (String value : values) {
            counters.put(value, Counter.builder(name).tag(tag, value).register(meters));
        }
        return Map.copyOf(counters);
    }
}
