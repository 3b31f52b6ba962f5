package io.tabelogo.spider.outbox;

import io.tabelogo.platform.jdbc.RetentionRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Delivered events leave the outbox after {@code keepDelivered}; unacknowledged ones stay. */
@Configuration(proxyBeanMethods = false)
class OutboxRetention {

    @Bean
    @Order(1) // before finished jobs, which are kept while their events are here
    RetentionRule deliveredEvents(OutboxSettings settings) {
        return new RetentionRule(
                "delivered_events", "scrape_outbox", "confirmed_at < :cutoff", settings.keepDelivered());
    }
}
