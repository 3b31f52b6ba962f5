package io.tabelogo.auth.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.auth.account.AccountDirectory;
import io.tabelogo.auth.account.User;
import io.tabelogo.auth.session.Sessions.StoredRefreshToken;
import io.tabelogo.auth.token.AccessTokens;
import io.tabelogo.auth.token.AccessTokens.IssuedToken;
import io.tabelogo.platform.error.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refresh with rotation: each refresh token works once and is replaced by a new one; presenting a used
 * or revoked one means it was copied, so the whole session is revoked (theft detection). Counted in
 * {@code auth_token_refresh_total{status=success|failed|reused}}.
 */
@Service
public class TokenRefresh {

    public static final String INVALID = "AUTH_REFRESH_INVALID";
    public static final String REUSED = "AUTH_REFRESH_REUSED";

    private final Sessions sessions;
    private final SessionRevocation revocation;
    private final AccountDirectory accounts;
    private final AccessTokens accessTokens;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Map<String, Counter> outcomes;

    TokenRefresh(
            Sessions sessions,
            SessionRevocation revocation,
            AccountDirectory accounts,
            AccessTokens accessTokens,
            TransactionTemplate transaction,
            Clock clock,
            MeterRegistry meters) {
        this.sessions = sessions;
        this.revocation = revocation;
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.transaction = transaction;
        this.clock = clock;
        this.outcomes = Map.of(
                "success", outcome(meters, "success"),
                "failed", outcome(meters, "failed"),
                "reused", outcome(meters, "reused"));
    }

    /** New tokens for the session of {@code refreshToken}. */
    /** {@code sessionOpenUntil}: when the session (and so the new refresh token) ends. */
    public record Refreshed(String accessToken, String refreshToken, long expiresIn, Instant sessionOpenUntil) {}

    private sealed interface Outcome {}

    private record Rotated(Refreshed tokens) implements Outcome {}

    private record Refused(String code) implements Outcome {}

    public Refreshed refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > 200) {
            outcomes.get("failed").increment();
            throw refusal(INVALID);
        }
        // The transaction commits the revocation of a reused token's session before the 401 goes out.
        Outcome outcome = transaction.execute(status -> rotate(refreshToken, clock.instant()));
        return switch (outcome) {
            case Rotated rotated -> {
                outcomes.get("success").increment();
                yield rotated.tokens();
            }
            case Refused refused -> {
                outcomes.get(REUSED.equals(refused.code()) ? "reused" : "failed")
                        .increment();
                throw refusal(refused.code());
            }
        };
    }

    private Outcome rotate(String refreshToken, Instant now) {
        var stored = sessions.lockRefreshToken(RefreshTokenValues.hash(refreshToken));
        if (stored.isEmpty()) {
            return new Refused(INVALID);
        }
        StoredRefreshToken token = stored.get();
        if (token.spent()) {
            revocation.revoke(List.of(token.sessionId()), now);
            return new Refused(REUSED);
        }
        if (!token.expiresAt().isAfter(now) || !token.sessionOpenUntil().isAfter(now)) {
            return new Refused(INVALID);
        }
        User user = accounts.findCurrent(token.userId()).orElse(null); // a deleted account refreshes no more
        if (user == null) {
            revocation.revoke(List.of(token.sessionId()), now);
            return new Refused(INVALID);
        }
        sessions.markUsed(token.id(), now);
        String next = RefreshTokenValues.newToken();
        sessions.addRefreshToken(token.sessionId(), RefreshTokenValues.hash(next), now, token.sessionOpenUntil());
        sessions.touch(token.sessionId(), now);
        IssuedToken access = accessTokens.issue(user.id(), user.role(), token.sessionId());
        return new Rotated(new Refreshed(access.value(), next, access.expiresIn(), token.sessionOpenUntil()));
    }

    private static ApiException refusal(String code) {
        String detail = REUSED.equals(code)
                ? "This refresh token was already used: the session is closed. Log in again."
                : "The refresh token is not valid. Log in again.";
        return new ApiException(HttpStatus.UNAUTHORIZED, code, detail);
    }

    private static Counter outcome(MeterRegistry meters, String status) {
        return Counter.builder("auth.token.refresh")
                .description("Refresh attempts by outcome")
                .tag("status", status)
                .register(meters);
    }
}
