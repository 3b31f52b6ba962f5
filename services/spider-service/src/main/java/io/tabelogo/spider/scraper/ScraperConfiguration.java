package io.tabelogo.spider.scraper;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.chaos.ChaosFaults;
import io.tabelogo.platform.chaos.Dependency;
import io.tabelogo.platform.redis.RedisGuard;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.client.RestClient;

/** The scraper and what protects Tabelog from it: the shared rate limit and the {@code tabelog} circuit breaker. */
@Configuration(proxyBeanMethods = false)
class ScraperConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ScraperConfiguration.class);

    @Bean
    TabelogRateLimit tabelogRateLimit(
            StringRedisTemplate redis, RedisGuard guard, ScraperSettings settings, MeterRegistry meters) {
        return new TabelogRateLimit(redis, guard, settings, meters);
    }

    @Bean
    TabelogScraper tabelogScraper(
            RestClient.Builder http,
            CircuitBreakerRegistry breakers,
            TabelogRateLimit rateLimit,
            ScraperSettings configured,
            Environment environment,
            MeterRegistry meters,
            ObjectProvider<ChaosFaults> chaos) {
        ScraperSettings settings = configured.offline() && configured.baseUrl().equals(ScraperSettings.TABELOG)
                // The offline stand-in on this service's own port (OfflineTabelog), unless another address was
                // named (a fault proxy in front of it, in the end-to-end tests): offline never reaches Tabelog.
                ? configured.withBaseUrl(URI.create(
                        "http://127.0.0.1:" + environment.getProperty("server.port", "8080") + "/offline-tabelog"))
                : configured;
        if (configured.offline()) {
            log.warn("Offline: Tabelog is played by this service's own pages at {}", settings.baseUrl());
        }
        CircuitBreaker breaker = breakers.circuitBreaker("tabelog");
        breaker.getEventPublisher()
                .onStateTransition(event -> log.warn("Circuit breaker tabelog: {}", event.getStateTransition()));
        // Our own gauge (0 closed, 1 open, 2 half-open), beside Resilience4j's resilience4j_circuitbreaker_state.
        Gauge.builder("spider.circuit.breaker.state", breaker, ScraperConfiguration::stateNumber)
                .description("State of the tabelog circuit breaker: 0 closed, 1 open, 2 half-open")
                .tag("circuit", "tabelog")
                .register(meters);
        return new TabelogScraper(
                new TabelogClient(http, breaker, rateLimit, settings, Dependency.declare(chaos, "tabelog")),
                settings,
                meters);
    }

    private static double stateNumber(CircuitBreaker breaker) {
        return switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 0;
        };
    }
}
