package io.tabelogo.restaurant.tabelog;

import io.tabelogo.platform.jdbc.RetentionRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code tabelog_syncs} ledger forgets processed events after {@code keepSyncs}. */
@Configuration(proxyBeanMethods = false)
class TabelogRetention {

    @Bean
    RetentionRule processedEvents(TabelogSettings settings) {
        return new RetentionRule("processed_events", "tabelog_syncs", "processed_at < :cutoff", settings.keepSyncs());
    }
}
