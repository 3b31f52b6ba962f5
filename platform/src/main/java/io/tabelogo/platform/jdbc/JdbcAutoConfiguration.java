package io.tabelogo.platform.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Database metrics for services that have a database (the pool limits themselves are plain defaults). */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(HikariDataSource.class)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties({JdbcAutoConfiguration.DatabaseSettings.class, Retention.Settings.class})
public class JdbcAutoConfiguration {

    /** @param slowQueryThreshold statements slower than this are counted and logged */
    @ConfigurationProperties("tabelogo.db")
    public record DatabaseSettings(@DefaultValue("100ms") Duration slowQueryThreshold) {}

    /** The scheduled clean-up, for services that declare {@link RetentionRule}s. */
    @Bean
    @ConditionalOnBean(RetentionRule.class)
    Retention retention(
            JdbcClient jdbc,
            ObjectProvider<RetentionRule> rules,
            Retention.Settings settings,
            ObjectProvider<Clock> clock,
            MeterRegistry meters) {
        return new Retention(
                jdbc, rules.orderedStream().toList(), settings, clock.getIfAvailable(Clock::systemUTC), meters);
    }

    /** The pool behind datasource-micrometer's proxy, bound once every singleton exists. */
    @Bean
    SmartInitializingSingleton databasePoolGauges(ObjectProvider<DataSource> dataSources, MeterRegistry meters) {
        return () -> dataSources.orderedStream().forEach(dataSource -> {
            try {
                if (dataSource.isWrapperFor(HikariDataSource.class)) {
                    DatabaseMetrics.bindPoolGauges(dataSource.unwrap(HikariDataSource.class), meters);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot reach the connection pool for its metrics", e);
            }
        });
    }

    /** Statement timings and slow-query logs come from datasource-micrometer's observations. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "net.ttddyy.observation.tracing.QueryContext")
    static class QueryMetrics {

        @Bean
        DatabaseMetrics databaseMetrics(MeterRegistry meters, DatabaseSettings settings) {
            return new DatabaseMetrics(meters, settings.slowQueryThreshold());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("net.ttddyy.observation.tracing.QueryContext")
    static class QueryMetricsMissing {

        QueryMetricsMissing() {
            LoggerFactory.getLogger(JdbcAutoConfiguration.class)
                    .warn("No db_query_duration_seconds or slow-query logs: add "
                            + "net.ttddyy.observation:datasource-micrometer-spring-boot to this service");
        }
    }
}
