package io.tabelogo.platform.chaos;

import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.security.AuthorizationRules;
import io.tabelogo.platform.security.Roles;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Runtime fault injection, only with {@code tabelogo.chaos.enabled} ({@code TABELOGO_CHAOS_ENABLED=true}): without it
 * none of this exists, no API (404) and no hook on any request, statement or connection. Services declare their
 * outbound dependencies with {@link ChaosFaults#dependency} (when the bean exists) and call the handle before each
 * call; SQL statements and Redis connections are covered here for every service.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty("tabelogo.chaos.enabled")
@EnableConfigurationProperties(ChaosSettings.class)
public class ChaosAutoConfiguration {

    @Bean
    ChaosFaults chaosFaults(MeterRegistry meters, ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
        return new ChaosFaults(meters, events, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    ChaosController chaosController(
            ChaosFaults faults,
            ChaosSettings settings,
            ObjectProvider<Clock> clock,
            ProcessExit exit,
            @Value("${spring.application.name:unknown}") String service) {
        return new ChaosController(faults, settings, clock.getIfAvailable(Clock::systemUTC), exit, service);
    }

    @Bean
    @ConditionalOnMissingBean
    ProcessExit chaosProcessExit(ConfigurableApplicationContext context) {
        return new ProcessExit(context);
    }

    /** Administrators only, before any rule of the service's own could open the path. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    AuthorizationRules chaosForAdministrators(ChaosSettings settings) {
        return requests -> requests.requestMatchers(settings.path(), settings.path() + "/**")
                .hasRole(Roles.ADMIN);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "net.ttddyy.dsproxy.listener.QueryExecutionListener")
    static class SqlFaults {

        /** Picked up by datasource-micrometer's proxy of the service's DataSource. */
        @Bean
        SqlDelay chaosSqlDelay(ChaosFaults faults, MeterRegistry meters) {
            return new SqlDelay(faults, meters);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.lettuce.core.resource.ClientResources")
    static class RedisFaults {

        @Bean
        ClientResourcesBuilderCustomizer chaosRedisOutage(ChaosFaults faults) {
            RedisOutage outage = new RedisOutage(faults);
            return builder -> builder.nettyCustomizer(outage);
        }
    }
}
