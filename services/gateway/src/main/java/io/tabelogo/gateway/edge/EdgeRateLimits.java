package io.tabelogo.gateway.edge;

import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ProblemFactory;
import io.tabelogo.platform.ratelimit.RateLimitDecision;
import io.tabelogo.platform.ratelimit.RateLimitPolicy;
import io.tabelogo.platform.ratelimit.RedisRateLimiter;
import io.tabelogo.platform.web.ClientIpResolver;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The edge's limits on every routed request, in buckets shared by the gateway's replicas: logins and registrations
 * per client address (10/min), signed-in users per user (1,000/min), everyone else per address (100/min). The
 * address is the platform's resolution, which believes {@code X-Forwarded-For} only from configured proxies, so a
 * client cannot choose its own bucket. Redis down: requests pass, counted in
 * {@code gateway_rate_limit_failopen_total}; refusals in {@code gateway_rate_limit_rejections_total{policy}}.
 */
@Component
public class EdgeRateLimits implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    private static final List<PathPattern> LOGIN_AND_REGISTRATION = Stream.of(
                    "/api/v1/auth/login", "/api/v1/auth/login/", "/api/v1/auth/register", "/api/v1/auth/register/")
            .map(PathPatternParser.defaultInstance::parse)
            .toList();

    private final RedisRateLimiter limiter;
    private final ClientIpResolver clientIp;
    private final ProblemFactory problems;
    private final RateLimitPolicy anonymous;
    private final RateLimitPolicy user;
    private final RateLimitPolicy login;

    EdgeRateLimits(
            RedisRateLimiter limiter, ClientIpResolver clientIp, ProblemFactory problems, EdgeSettings settings) {
        this.limiter = limiter;
        this.clientIp = clientIp;
        this.problems = problems;
        this.anonymous = limiter.register(RateLimitPolicy.perMinute("anonymous", settings.anonymousPerMinute()));
        this.user = limiter.register(RateLimitPolicy.perMinute("user", settings.userPerMinute()));
        this.login = limiter.register(RateLimitPolicy.perMinute("login", settings.loginPerMinute()));
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        String ip = clientIp.resolve(request.servletRequest());
        RateLimitDecision decision;
        if (isLoginOrRegistration(request)) {
            decision = limiter.tryConsume(login, "ip:" + ip);
        } else if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
            decision = limiter.tryConsume(user, "user:" + token.getToken().getSubject());
        } else {
            decision = limiter.tryConsume(anonymous, "ip:" + ip);
        }
        Map<String, String> headers = headers(decision);
        if (!decision.allowed()) { // answered here, not thrown: a refusal must cost far less than a proxied request
            ApiException refused = decision.rejection();
            headers.forEach(refused::withHeader);
            return problems.response(refused, request.servletRequest());
        }
        ServerResponse response = next.handle(request);
        headers.forEach(response.headers()::set);
        return response;
    }

    /** {@code RateLimit-Limit/Remaining/Reset}, or none when the limiter failed open (nothing true to say). */
    private static Map<String, String> headers(RateLimitDecision decision) {
        if (decision.failedOpen()) {
            return Map.of();
        }
        return Map.of(
                "RateLimit-Limit", Long.toString(decision.limit()),
                "RateLimit-Remaining", Long.toString(decision.remaining()),
                "RateLimit-Reset", Long.toString(decision.resetSeconds()));
    }

    /**
     * On the path as the service will read it: patterns match decoded segments, so {@code logi%6E} is a login here
     * as it is for auth-service (spellings with {@code ;}, {@code //}, {@code .} or {@code ..} segments never get
     * this far: the security firewall refuses them).
     */
    private static boolean isLoginOrRegistration(ServerRequest request) {
        PathContainer path = request.requestPath().pathWithinApplication();
        return request.method().equals(HttpMethod.POST)
                && LOGIN_AND_REGISTRATION.stream().anyMatch(pattern -> pattern.matches(path));
    }
}
