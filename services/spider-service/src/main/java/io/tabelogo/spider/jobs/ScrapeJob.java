package io.tabelogo.spider.jobs;

import io.tabelogo.spider.scraper.TabelogRestaurant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A request to find a Google place's restaurants on Tabelog, as stored. {@code attempts} counts how many times a
 * worker claimed it (more than one after a crash or a shutdown); {@code results} is set once COMPLETED,
 * {@code error} once FAILED.
 */
public record ScrapeJob(
        UUID id,
        String googleId,
        String placeName,
        String placeNameJa,
        String area,
        int maxResults,
        JobStatus status,
        int attempts,
        String error,
        List<TabelogRestaurant> results,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt) {

    /** What to search Tabelog for: the Japanese name when known (Tabelog lists Japanese names). */
    public String searchName() {
        return placeNameJa != null && !placeNameJa.isBlank() ? placeNameJa : placeName;
    }

    /** What this job asks Tabelog, normalised: requests with the same key share the job and its results. */
    public String searchKey() {
        return ScrapeRequest.searchKey(searchName(), area, maxResults);
    }

    /** From start to finish, once finished. */
    public Duration duration() {
        return startedAt != null && completedAt != null ? Duration.between(startedAt, completedAt) : null;
    }
}
