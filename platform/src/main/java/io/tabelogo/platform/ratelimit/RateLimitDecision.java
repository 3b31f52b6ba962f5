package io.tabelogo.platform.ratelimit;

import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ErrorCodes;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;

/**
 * The answer for one request: allowed or not, and what the {@code RateLimit-*} headers tell the client:
 * {@code RateLimit-Reset} is the number of seconds until the bucket is full again (the quota fully restored), while
 * {@code Retry-After} on a 429 is the number of seconds until the next single request may pass.
 *
 * @param failedOpen true when Redis could not be asked and the request was let through
 */
public record RateLimitDecision(
        boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds, boolean failedOpen) {

    static RateLimitDecision failOpen(RateLimitPolicy policy) {
        return new RateLimitDecision(true, policy.capacity(), policy.capacity(), 0, 0, true);
    }

    /** Sets {@code RateLimit-Limit/Remaining/Reset} (not when failed open: there is nothing true to say). */
    public void writeHeaders(HttpServletResponse response) {
        if (failedOpen) {
            return;
        }
        response.setHeader("RateLimit-Limit", Long.toString(limit));
        response.setHeader("RateLimit-Remaining", Long.toString(remaining));
        response.setHeader("RateLimit-Reset", Long.toString(resetSeconds));
    }

    /** The 429 to throw for a rejected request, with {@code Retry-After}. */
    public ApiException rejection() {
        return new ApiException(
                        HttpStatus.TOO_MANY_REQUESTS,
                        ErrorCodes.RATE_LIMITED,
                        "Too many requests. Retry after " + retryAfterSeconds + " s.")
                .withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }
}
