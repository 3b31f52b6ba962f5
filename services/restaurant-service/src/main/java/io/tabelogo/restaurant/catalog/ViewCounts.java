package io.tabelogo.restaurant.catalog;

import jakarta.annotation.PreDestroy;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Views of restaurants, counted in memory and written in one statement every few seconds (SPEC §3: no write per
 * read, so a popular restaurant's page does not turn reads into row-lock contention). Counts that cannot be written
 * (database down) are kept for the next flush; the last ones are written at shutdown.
 */
@Component
class ViewCounts {

    private static final Logger log = LoggerFactory.getLogger(ViewCounts.class);

    private final Restaurants restaurants;
    private final ConcurrentHashMap<UUID, Long> pending = new ConcurrentHashMap<>();

    ViewCounts(Restaurants restaurants) {
        this.restaurants = restaurants;
    }

    void record(UUID id) {
        pending.merge(id, 1L, Long::sum);
    }

    @Scheduled(
            fixedDelayString = "${tabelogo.restaurant.cache.view-flush-interval:5s}",
            initialDelayString = "${tabelogo.restaurant.cache.view-flush-interval:5s}")
    @PreDestroy
    void flush() {
        Map<UUID, Long> batch = new HashMap<>();
        for (UUID id : pending.keySet()) {
            Long views = pending.remove(id); // atomic: a view recorded after this goes to the next batch
            if (views != null) {
                batch.put(id, views);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            restaurants.addViews(batch);
        } catch (RuntimeException failure) {
            batch.forEach((id, views) -> pending.merge(id, views, Long::sum));
            log.warn(
                    "Could not write {} restaurants' view counts, keeping them for the next flush: {}",
                    batch.size(),
                    failure.toString());
        }
    }
}
