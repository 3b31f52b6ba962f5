package io.tabelogo.restaurant.tabelog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The spider's {@code scrape.completed} event, version 1 (docs/architecture.md, "Events"): one job's Tabelog
 * restaurants for one Google place. Each stream entry carries it as JSON in its single field {@code event}.
 */
record ScrapeCompleted(
        UUID eventId,
        String type,
        Integer version,
        String jobId,
        String googleId,
        String area,
        String placeName,
        String placeNameJa,
        List<Result> results,
        Instant completedAt) {

    static final String TYPE = "scrape.completed";

    record Result(
            String link,
            String name,
            Double rating,
            Integer ratingCount,
            Integer bookmarks,
            String phone,
            List<String> types,
            List<String> photos) {}

    /** Why the event cannot be applied, or null when it can. */
    String defect() {
        if (eventId == null) {
            return "no event_id";
        }
        if (!TYPE.equals(type)) {
            return "type is not " + TYPE;
        }
        if (version == null || version != 1) {
            return "unsupported version " + version;
        }
        if (jobId == null || jobId.isBlank() || jobId.length() > 200) {
            return "no job_id";
        }
        if (googleId == null || googleId.isBlank()) {
            return "no google_id";
        }
        if (results == null) {
            return "no results";
        }
        for (Result result : results) {
            if (result == null || result.name() == null || result.link() == null) {
                return "a result without name or link";
            }
            if (result.rating() != null && !(result.rating() >= 0 && result.rating() <= 5)) {
                return "a rating outside 0-5";
            }
        }
        return null;
    }
}
