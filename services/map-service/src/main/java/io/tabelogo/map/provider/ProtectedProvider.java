package io.tabelogo.map.provider;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The provider as the rest of the service sees it: every call passes the {@code map-provider} circuit breaker,
 * then the client-side quota ({@code map-quota}), then the real call, and a retryable failure gets one retry after
 * a jittered pause. Each real call is counted and timed ({@code map_google_api_calls_total},
 * {@code map_google_api_duration_seconds}); an open circuit or a spent quota becomes a {@link ProviderFailure}
 * at once, without calling out.
 */
public class ProtectedProvider implements PlaceProvider {

    static final String PLACE_DETAILS = "place_details";
    static final String TEXT_SEARCH = "text_search";

    private static final Logger log = LoggerFactory.getLogger(ProtectedProvider.class);

    private final PlaceProvider provider;
    private final CircuitBreaker breaker;
    private final RateLimiter quota;
    private final Retry retry;
    private final MeterRegistry meters;
    private final Counter quotaRejections;

    public ProtectedProvider(
            PlaceProvider provider, CircuitBreaker breaker, RateLimiter quota, Retry retry, MeterRegistry meters) {
        this.provider = provider;
        this.breaker = breaker;
        this.quota = quota;
        this.retry = retry;
        this.meters = meters;
        this.quotaRejections = Counter.builder("map.quota.rejections")
                .description("Provider calls not made because the client-side quota was spent")
                .register(meters);
        for (String apiType : List.of(PLACE_DETAILS, TEXT_SEARCH)) {
            for (String status : List.of("success", "error")) {
                calls(apiType, status); // at zero from the start, so rates and alerts see the series
            }
        }
        breaker.getEventPublisher()
                .onStateTransition(event ->
                        log.warn("Circuit breaker map-provider ({}): {}", provider.name(), event.getStateTransition()));
    }

    @Override
    public String name() {
        return provider.name();
    }

    @Override
    public ObjectNode details(String placeId, String languageCode, FieldMask mask) {
        return call(PLACE_DETAILS, () -> provider.details(placeId, languageCode, mask));
    }

    @Override
    public List<ObjectNode> textSearch(TextQuery query) {
        return call(TEXT_SEARCH, () -> provider.textSearch(query));
    }

    private <T> T call(String apiType, Supplier<T> request) {
        Supplier<T> attempt = () -> breaker.executeSupplier(() -> {
            if (!quota.acquirePermission()) {
                throw new QuotaExceeded();
            }
            return measured(apiType, request);
        });
        try {
            return retry.executeSupplier(attempt);
        } catch (CallNotPermittedException open) {
            throw new ProviderFailure("circuit_open", false, "the provider's circuit breaker is open", open);
        } catch (QuotaExceeded spent) {
            quotaRejections.increment();
            throw new ProviderFailure("quota_exceeded", false, "the provider quota for this minute is spent");
        }
    }

    private <T> T measured(String apiType, Supplier<T> request) {
        Timer.Sample started = Timer.start(meters);
        String status = "error";
        try {
            T result = request.get();
            status = "success";
            return result;
        } catch (ProviderFailure failure) {
            log.warn("{} call to {} failed: {}", apiType, provider.name(), failure.getMessage());
            throw failure;
        } catch (RuntimeException answered) {
            status = "success"; // e.g. PLACE_NOT_FOUND: the provider answered
            throw answered;
        } finally {
            started.stop(Timer.builder("map.google.api.duration")
                    .description("Time of one call to the place provider")
                    .tag("api_type", apiType)
                    .publishPercentileHistogram() // the Map dashboard's provider p95
                    .register(meters));
            calls(apiType, status).increment();
        }
    }

    private Counter calls(String apiType, String status) {
        return Counter.builder("map.google.api.calls")
                .description("Calls made to the place provider (each retry counts)")
                .tag("api_type", apiType)
                .tag("status", status)
                .tag("provider", provider.name())
                .register(meters);
    }

    /** Thrown inside the breaker, which ignores it: a spent quota says nothing about the provider's health. */
    static final class QuotaExceeded extends RuntimeException {
        QuotaExceeded() {
            super("quota exceeded", null, false, false);
        }
    }
}
