package io.tabelogo.map.search;

import io.tabelogo.platform.ratelimit.RateLimitDecision;
import io.tabelogo.platform.ratelimit.RateLimitPolicy;
import io.tabelogo.platform.ratelimit.RedisRateLimiter;
import io.tabelogo.platform.web.ClientIpResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

/**
 * Per-client limits of the public endpoints: one bucket per endpoint and client, the client being the user of a
 * valid access token, else the address the platform's resolver trusts. Buckets live in Redis, shared by replicas;
 * with Redis down requests pass (the limiter fails open and counts it).
 */
@Component
class ClientRateLimits {

    private final RedisRateLimiter limiter;
    private final ClientIpResolver clientIp;
    private final PlaceSearch search;
    final RateLimitPolicy quickSearch;
    final RateLimitPolicy advanceSearch;

    ClientRateLimits(RedisRateLimiter limiter, ClientIpResolver clientIp, PlaceSearch search, SearchSettings settings) {
        this.limiter = limiter;
        this.clientIp = clientIp;
        this.search = search;
        this.quickSearch = limiter.register(RateLimitPolicy.perMinute(
                "map_quick_search", settings.rateLimit().quickSearchPerMinute()));
        this.advanceSearch = limiter.register(RateLimitPolicy.perMinute(
                "map_advance_search", settings.rateLimit().advanceSearchPerMinute()));
    }

    /** Takes a token or throws 429 {@code RATE_LIMITED}; sets the {@code RateLimit-*} headers either way. */
    void check(RateLimitPolicy policy, HttpServletRequest request, HttpServletResponse response) {
        RateLimitDecision decision = limiter.tryConsume(policy, clientIp.clientKey(request));
        decision.writeHeaders(response);
        if (!decision.allowed()) {
            search.countError("rate_limited");
            throw decision.rejection();
        }
    }
}
