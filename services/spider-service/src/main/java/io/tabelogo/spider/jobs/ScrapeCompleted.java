package io.tabelogo.spider.jobs;

import io.tabelogo.spider.scraper.TabelogRestaurant;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The {@code scrape.completed} event, version 1, exactly as docs/architecture.md lists it; restaurant-service
 * matches the results to its restaurants. Each stream entry holds it as JSON in its one field {@code event}.
 */
record ScrapeCompleted(
        UUID eventId,
        String type,
        int version,
        UUID jobId,
        String googleId,
        String area,
        String placeName,
        String placeNameJa,
        List<TabelogRestaurant> results,
        Instant completedAt) {

    static ScrapeCompleted of(ScrapeJob job) {
        return new ScrapeCompleted(
                UUID.randomUUID(),
                "scrape.completed",
                1,
                job.id(),
                job.googleId(),
                job.area(),
                job.placeName(),
                job.placeNameJa(),
                job.results(),
                job.completedAt());
    }
}
