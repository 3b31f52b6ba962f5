package io.tabelogo.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ErrorCodes;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Around every call to one service: its circuit breaker ({@code upstream-<service>}), and one retry of a GET or
 * HEAD that could not reach the service or timed out (idempotent, so safe to repeat; an answer, even a 5xx, is
 * passed on rather than repeated: its body is already streaming). A service that cannot
 * be reached, times out, or whose breaker is open becomes 503 {@code UPSTREAM_UNAVAILABLE} with
 * {@code Retry-After}; a service's own error answers pass through unchanged, and its 5xx count against the breaker.
 * A request that found every connection to its service busy is 503 at once, neither retried nor held against the
 * breaker ({@code gateway_upstream_saturated_total}).
 */
class UpstreamProtection implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    private static final Logger log = LoggerFactory.getLogger(UpstreamProtection.class);

    private final String service;
    private final CircuitBreaker breaker;
    private final Counter saturated;

    UpstreamProtection(String service, CircuitBreaker breaker, MeterRegistry meters) {
        this.service = service;
        this.breaker = breaker;
        this.saturated = Counter.builder("gateway.upstream.saturated")
                .description("Requests refused because every connection to their service was busy")
                .tag("service", service)
                .register(meters);
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        boolean idempotent =
                request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD);
        int tries = idempotent ? 2 : 1;
        for (int attempt = 1; ; attempt++) {
            if (!breaker.tryAcquirePermission()) {
                throw unavailable("its circuit breaker is open", null);
            }
            long start = breaker.getCurrentTimestamp();
            ServerResponse response;
            try {
                response = next.handle(request);
            } catch (ApiException answeredHere) {
                breaker.releasePermission(); // refused at the edge (e.g. 429): says nothing about the service
                throw answeredHere;
            } catch (Exception failure) {
                if (isSaturation(failure)) { // every connection busy: not a failure of the service, not retried
                    breaker.releasePermission();
                    saturated.increment();
                    throw ApiException.unavailable(
                            ErrorCodes.UPSTREAM_UNAVAILABLE,
                            "The " + service + " service has too many requests in flight. Try again shortly.",
                            1,
                            failure);
                }
                breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), failure);
                if (attempt < tries) {
                    log.info(
                            "{} {} to {} failed ({}), trying once more",
                            request.method(),
                            request.path(),
                            service,
                            failure.toString());
                    continue;
                }
                throw unavailable("it did not answer", failure);
            }
            long took = breaker.getCurrentTimestamp() - start;
            int status = response.statusCode().value();
            if (status >= 500) {
                breaker.onError(took, breaker.getTimestampUnit(), new UpstreamError(status));
            } else {
                breaker.onSuccess(took, breaker.getTimestampUnit());
            }
            return response;
        }
    }

    private static boolean isSaturation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectionRequestTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private ApiException unavailable(String why, Throwable cause) {
        long retryAfter = Math.max(
                1,
                TimeUnit.MILLISECONDS.toSeconds(breaker.getCircuitBreakerConfig()
                        .getWaitIntervalFunctionInOpenState()
                        .apply(1)));
        return ApiException.unavailable(
                ErrorCodes.UPSTREAM_UNAVAILABLE,
                "The " + service + " service is unavailable: " + why + ". Try again later.",
                retryAfter,
                cause);
    }

    /** A 5xx answer, recorded as the breaker's failure without an exception from the call itself. */
    static final class UpstreamError extends RuntimeException {
        UpstreamError(int status) {
            super("HTTP " + status, null, false, false);
        }
    }
}
