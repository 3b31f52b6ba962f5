package io.tabelogo.restaurant.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Views of restaurants, counted in memory and written in one statement every few seconds (no write per
 * read, so a popular restaurant's page does not turn reads into row-lock contention). A viewer (user, else address)
 * counts once per restaurant per {@link #REPEAT_WINDOW} in a replica, so reloading a page, or a script, cannot run
 * the count up. Counts that cannot be written (database down) are kept for the next flush; the last ones are
 * written at shutdown.
 */
@Component
class ViewCounts {

    private static final Logger log = LoggerFactory.getLogger(ViewCounts.class);

    static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);

    private final Restaurants restaurants;
    private final ConcurrentHashMap<UUID, Long> pending = new ConcurrentHashMap<>();
    // Bounded: past it the oldest viewers are forgotten, and may count once more.
    private final Cache<String, Boolean> recentViewers = Caffeine.newBuilder()
            .expireAfterWrite(REPEAT_WINDOW)
            .maximumSize(200_000)
            .build();

    ViewCounts(Restaurants restaurants) {
        this.restaurants = restaurants;
    }

    /** A view of {@code id} by {@code viewer} (a client key), unless the viewer was counted for it just before. */
    void record(UUID id, String viewer) {
        if (recentViewers.asMap().putIfAbsent(id + "|" + viewer, Boolean.TRUE) == null) {
            pending.merge(id, 1L, Long::sum);
        }
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
