package io.tabelogo.map.provider;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.map.provider.google.GooglePlaces;
import io.tabelogo.map.provider.offline.OfflineFaults;
import io.tabelogo.map.provider.offline.OfflinePlaces;
import io.tabelogo.platform.chaos.ChaosFaults;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** Picks the provider ({@code TABELOGO_MAP_PROVIDER}) and wraps it in the outbound protection. */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProviderConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Present with either provider, so the knobs have one home; only the offline provider reads them. */
    @Bean
    OfflineFaults offlineFaults(ProviderSettings settings) {
        return OfflineFaults.parse(
                settings.offline().latencyMs(), settings.offline().errorRate());
    }

    @Bean
    PlaceProvider placeProvider(
            ProviderSettings settings,
            OfflineFaults faults,
            RestClient.Builder http,
            ResourceLoader resources,
            JsonMapper json,
            Clock clock,
            CircuitBreakerRegistry breakers,
            RateLimiterRegistry rateLimiters,
            RetryRegistry retries,
            MeterRegistry meters,
            ObjectProvider<ChaosFaults> chaos) {
        PlaceProvider provider = switch (settings.effectiveKind()) {
            case "google" -> GooglePlaces.create(settings, http);
            case "offline" ->
                OfflinePlaces.load(
                        resources.getResource(settings.offline().dataset()), json, faults, settings.timeout(), clock);
            default ->
                throw new IllegalStateException("TABELOGO_MAP_PROVIDER (tabelogo.map.provider.kind) must be "
                        + "google or offline, not '" + settings.kind() + "'");
        };
        log.info("Places come from the {} provider", provider.name());
        ChaosFaults chaosFaults = chaos.getIfAvailable();
        if (chaosFaults != null) {
            provider = new FaultyProvider(provider, chaosFaults.dependency("map-provider"));
        }

        var quota = rateLimiters.rateLimiter(
                "map-quota",
                RateLimiterConfig.custom()
                        .limitForPeriod(settings.quotaPerMinute())
                        .limitRefreshPeriod(Duration.ofMinutes(1))
                        .timeoutDuration(Duration.ZERO)
                        .build());
        var retry = retries.retry(
                "map-provider",
                RetryConfig.custom()
                        .maxAttempts(2)
                        .intervalFunction(IntervalFunction.ofRandomized(settings.retryWait(), 0.5))
                        .retryOnException(e -> e instanceof ProviderFailure failure && failure.retryable())
                        .build());
        return new ProtectedProvider(provider, breakers.circuitBreaker("map-provider"), quota, retry, meters);
    }
}
