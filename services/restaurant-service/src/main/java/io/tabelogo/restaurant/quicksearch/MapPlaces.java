package io.tabelogo.restaurant.quicksearch;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.api.map.v1.MapServiceGrpc;
import io.tabelogo.api.map.v1.Place;
import io.tabelogo.api.map.v1.QuickSearchRequest;
import io.tabelogo.platform.chaos.ChaosFaults;
import io.tabelogo.platform.chaos.Dependency;
import io.tabelogo.platform.grpc.GrpcCredentials;
import io.tabelogo.platform.security.ServiceTokens;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/**
 * map-service's {@code QuickSearch} over gRPC, protected: one deadline for the whole call, retries included
 * ({@code tabelogo.restaurant.map-deadline}, 2 s), one jittered retry on UNAVAILABLE or DEADLINE_EXCEEDED, and the
 * {@code map-grpc} circuit breaker, which an unknown place does not trip. Each attempt is counted in
 * {@code restaurant_map_service_calls_total{status}} (the gRPC status, or {@code circuit_open}).
 */
@Component
class MapPlaces {

    /** map-service could not answer (down, slow, failing, or its circuit open). */
    static final class MapUnavailable extends RuntimeException {
        MapUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(MapPlaces.class);

    private final MapServiceGrpc.MapServiceBlockingStub map;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Duration deadline;
    private final ServiceTokens tokens;
    private final MeterRegistry meters;
    private final Dependency chaos;

    MapPlaces(
            GrpcChannelFactory channels,
            ObjectProvider<ServiceTokens> serviceTokens,
            CircuitBreakerRegistry breakers,
            RetryRegistry retries,
            QuickSearchSettings settings,
            MeterRegistry meters,
            ObjectProvider<ChaosFaults> chaos) {
        this.chaos = Dependency.declare(chaos, "map-grpc");
        ServiceTokens tokens = serviceTokens.getIfAvailable(() -> {
            throw new IllegalStateException("set TABELOGO_SERVICE_SECRET: restaurant-service calls map-service as "
                    + "itself, with a service token from auth-service");
        });
        tokens.prefetch("map-service"); // so the first quick search does not wait for auth-service
        this.tokens = tokens;
        // Quick search is no user's own business (anyone may look a place up): the call is made as this service.
        this.map = MapServiceGrpc.newBlockingStub(channels.createChannel("map"))
                .withInterceptors(GrpcCredentials.service(tokens, "map-service"));
        this.breaker = breakers.circuitBreaker("map-grpc");
        this.retry = retries.retry(
                "map-grpc",
                RetryConfig.custom()
                        .maxAttempts(2)
                        .intervalFunction(IntervalFunction.ofRandomized(settings.mapRetryWait(), 0.5))
                        .retryOnException(MapPlaces::retryable)
                        .build());
        this.deadline = settings.mapDeadline();
        this.meters = meters;
        for (String status : List.of("ok", "not_found", "unavailable", "deadline_exceeded", "circuit_open")) {
            calls(status); // at zero from the start
        }
        breaker.getEventPublisher()
                .onStateTransition(event -> log.warn("Circuit breaker map-grpc: {}", event.getStateTransition()));
    }

    /** The place, or empty when map-service does not know it. */
    Optional<Place> find(String placeId) {
        try {
            tokens.tokenFor("map-service"); // held, or fetched now: not out of the call's own deadline
        } catch (ServiceTokens.ServiceTokenUnavailable noToken) {
            throw new MapUnavailable("no service token to call map-service with", noToken);
        }
        Deadline budget = Deadline.after(deadline.toMillis(), TimeUnit.MILLISECONDS);
        QuickSearchRequest request = QuickSearchRequest.newBuilder()
                .setPlaceId(placeId)
                .setLanguageCode("en")
                .build();
        try {
            return retry.executeSupplier(() -> breaker.executeSupplier(() -> attempt(request, budget)));
        } catch (CallNotPermittedException open) {
            calls("circuit_open").increment();
            throw new MapUnavailable("map-service's circuit breaker is open", open);
        } catch (StatusRuntimeException failed) {
            throw new MapUnavailable("map-service failed: " + failed.getStatus(), failed);
        }
    }

    private Optional<Place> attempt(QuickSearchRequest request, Deadline budget) {
        // An injected delay spends the call's own deadline, as a slow network would.
        chaos.beforeCall(() -> Status.UNAVAILABLE
                .withDescription("failure injected by a chaos fault")
                .asRuntimeException());
        try {
            Place place = map.withDeadline(budget).quickSearch(request).getPlace();
            calls("ok").increment();
            return Optional.of(place);
        } catch (StatusRuntimeException failed) {
            Status.Code code = failed.getStatus().getCode();
            calls(code.name().toLowerCase(Locale.ROOT)).increment();
            if (code == Status.Code.NOT_FOUND) { // an answer, not a failure: the breaker must not count it
                return Optional.empty();
            }
            throw failed;
        }
    }

    private static boolean retryable(Throwable failure) {
        return failure instanceof StatusRuntimeException e
                && (e.getStatus().getCode() == Status.Code.UNAVAILABLE
                        || e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED);
    }

    private Counter calls(String status) {
        return Counter.builder("restaurant.map.service.calls")
                .description("Calls to map-service's QuickSearch (each retry counts), by outcome")
                .tag("status", status)
                .register(meters);
    }
}
