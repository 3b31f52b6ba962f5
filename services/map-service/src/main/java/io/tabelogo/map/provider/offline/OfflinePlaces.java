package io.tabelogo.map.provider.offline;

import io.tabelogo.map.MapErrorCodes;
import io.tabelogo.map.provider.FieldMask;
import io.tabelogo.map.provider.LatLng;
import io.tabelogo.map.provider.PlaceProvider;
import io.tabelogo.map.provider.ProviderFailure;
import io.tabelogo.map.provider.RankPreference;
import io.tabelogo.map.provider.Rectangle;
import io.tabelogo.map.provider.TextQuery;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The provider without Google: the bundled dataset (generated, see {@code OfflineDatasetGenerator}) searched in
 * memory. Text search keeps the places inside the rectangle whose name, kind, summary or address contain every
 * word of the query, applies {@code min_rating} and {@code open_now}, then ranks by relevance (name matches weigh
 * most, then kind, then the rest; ties by rating) or by distance from the rectangle's centre, then cuts to the
 * limit. Opening hours are read in Japan's time zone. Names are English only: other languages get the English text
 * with {@code languageCode: en}, as Google does when it has no translation.
 */
public class OfflinePlaces implements PlaceProvider {

    private static final Logger log = LoggerFactory.getLogger(OfflinePlaces.class);
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final int MINUTES_PER_WEEK = 7 * 24 * 60;
    private static final Pattern WORD_BREAK = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** Words that say nothing about which place is meant ("ramen near Shibuya" searches ramen + Shibuya). */
    private static final Set<String> STOP_WORDS = Set.of(
            "a",
            "an",
            "and",
            "around",
            "at",
            "best",
            "by",
            "eat",
            "food",
            "for",
            "good",
            "in",
            "me",
            "near",
            "of",
            "place",
            "places",
            "restaurant",
            "restaurants",
            "shop",
            "shops",
            "the",
            "to");

    private final List<Entry> entries;
    private final Map<String, Entry> byId;
    /** Every word of every place (name, kinds, summary, address), with the places that have it. */
    private final Map<String, BitSet> placesByWord = new HashMap<>();

    private final OfflineFaults faults;
    private final Duration timeout;
    private final Clock clock;

    OfflinePlaces(List<Entry> entries, OfflineFaults faults, Duration timeout, Clock clock) {
        this.entries = List.copyOf(entries);
        this.byId = new HashMap<>();
        for (int i = 0; i < this.entries.size(); i++) {
            Entry entry = this.entries.get(i);
            byId.put(entry.id(), entry);
            for (String word :
                    words(entry.name() + " " + entry.kinds() + " " + entry.summary() + " " + entry.address())) {
                placesByWord.computeIfAbsent(word, w -> new BitSet()).set(i);
            }
        }
        this.faults = faults;
        this.timeout = timeout;
        this.clock = clock;
    }

    public static OfflinePlaces load(
            Resource dataset, JsonMapper json, OfflineFaults faults, Duration timeout, Clock clock) {
        try (InputStream in = dataset.getInputStream()) {
            List<Entry> entries = new ArrayList<>();
            for (JsonNode place : json.readTree(in).path("places")) {
                entries.add(Entry.of((ObjectNode) place));
            }
            if (entries.isEmpty()) {
                throw new IllegalStateException("the offline dataset " + dataset + " holds no places");
            }
            log.info("Offline dataset: {} places from {}", entries.size(), dataset.getDescription());
            return new OfflinePlaces(entries, faults, timeout, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the offline dataset " + dataset.getDescription(), e);
        }
    }

    @Override
    public String name() {
        return "offline";
    }

    public int size() {
        return entries.size();
    }

    @Override
    public ObjectNode details(String placeId, String languageCode, FieldMask mask) {
        behaveLikeARemoteProvider();
        Entry entry = byId.get(placeId);
        if (entry == null) {
            throw MapErrorCodes.placeNotFound(placeId);
        }
        return mask.apply(entry.withCurrentHours(minuteOfWeek()));
    }

    @Override
    public List<ObjectNode> textSearch(TextQuery query) {
        behaveLikeARemoteProvider();
        int now = minuteOfWeek();
        List<String> words = words(query.textQuery());
        Rectangle rectangle = query.rectangle();
        List<Match> matches = new ArrayList<>();
        BitSet candidates = candidates(words);
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            Entry entry = entries.get(i);
            if (!rectangle.contains(entry.latitude(), entry.longitude())
                    || (query.minRating() != null && entry.rating() < query.minRating())
                    || (query.onlyOpenNow() && !entry.isOpenAt(now))) {
                continue;
            }
            int score = entry.relevance(words);
            if (score > 0 || words.isEmpty()) {
                matches.add(new Match(entry, score));
            }
        }
        matches.sort(order(query.rankPreference(), rectangle.center()));
        return matches.stream()
                .limit(query.maxResultCount())
                .map(match -> query.mask().apply(match.entry().withCurrentHours(now)))
                .toList();
    }

    private static Comparator<Match> order(RankPreference rank, LatLng center) {
        Comparator<Match> byRating = Comparator.comparingDouble(
                        (Match m) -> m.entry().rating())
                .reversed()
                .thenComparing(m -> m.entry().id());
        if (rank == RankPreference.DISTANCE) {
            return Comparator.comparingDouble((Match m) -> m.entry().distanceSquared(center))
                    .thenComparing(byRating);
        }
        return Comparator.comparingInt(Match::score).reversed().thenComparing(byRating);
    }

    /**
     * The places where every query word occurs inside some word of the place: the same as searching each place's
     * text, without reading every place (the vocabulary is far smaller than the dataset).
     */
    private BitSet candidates(List<String> queryWords) {
        BitSet candidates = new BitSet(entries.size());
        candidates.set(0, entries.size());
        for (String queryWord : queryWords) {
            BitSet containing = new BitSet(entries.size());
            placesByWord.forEach((word, places) -> {
                if (word.contains(queryWord)) {
                    containing.or(places);
                }
            });
            candidates.and(containing);
        }
        return candidates;
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : WORD_BREAK.split(text.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty() && !STOP_WORDS.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    private int minuteOfWeek() {
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), JAPAN);
        return (now.getDayOfWeek().getValue() % 7) * 24 * 60 + now.getHour() * 60 + now.getMinute();
    }

    /** The configured latency and error rate; a latency past the timeout ends as the timeout would. */
    private void behaveLikeARemoteProvider() {
        long latency = faults.sampleLatencyMs();
        if (latency > 0) {
            try {
                Thread.sleep(Math.min(latency, timeout.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderFailure("interrupted", false, "interrupted while simulating latency");
            }
            if (latency >= timeout.toMillis()) {
                throw new ProviderFailure("timeout", true, "offline provider: simulated timeout after " + timeout);
            }
        }
        if (faults.sampleError()) {
            throw new ProviderFailure("http_503", true, "offline provider: injected failure");
        }
    }

    private record Match(Entry entry, int score) {}

    /** A place and what searching it needs, worked out once at load time. */
    record Entry(
            String id,
            ObjectNode place,
            double latitude,
            double longitude,
            double rating,
            String name,
            String kinds,
            String summary,
            String address,
            List<int[]> openSpans) {

        static Entry of(ObjectNode place) {
            String id = place.path("id").asString();
            if (id.isBlank() || !place.path("location").has("latitude")) {
                throw new IllegalStateException("an offline place without id or location: " + place);
            }
            StringBuilder address =
                    new StringBuilder(place.path("formattedAddress").asString());
            for (JsonNode component : place.path("addressComponents")) {
                address.append(' ').append(component.path("longText").asString());
            }
            StringBuilder kinds = new StringBuilder();
            for (JsonNode type : place.path("types")) {
                kinds.append(' ').append(type.asString().replace('_', ' '));
            }
            return new Entry(
                    id,
                    place,
                    place.path("location").path("latitude").asDouble(),
                    place.path("location").path("longitude").asDouble(),
                    place.path("rating").asDouble(0),
                    lower(place.path("displayName").path("text").asString()),
                    lower(kinds.toString()),
                    lower(place.path("editorialSummary").path("text").asString()),
                    lower(address.toString()),
                    openSpans(place.path("regularOpeningHours").path("periods")));
        }

        /** 0 when a word matches nowhere; otherwise name matches count 4, kinds 3, summary 2, address 1. */
        int relevance(List<String> words) {
            int score = 0;
            for (String word : words) {
                int wordScore = (name.contains(word) ? 4 : 0)
                        + (kinds.contains(word) ? 3 : 0)
                        + (summary.contains(word) ? 2 : 0)
                        + (address.contains(word) ? 1 : 0);
                if (wordScore == 0) {
                    return 0;
                }
                score += wordScore;
            }
            return score;
        }

        double distanceSquared(LatLng center) {
            double dLat = latitude - center.latitude();
            double dLng = (longitude - center.longitude()) * Math.cos(Math.toRadians(center.latitude()));
            return dLat * dLat + dLng * dLng;
        }

        boolean isOpenAt(int minuteOfWeek) {
            for (int[] span : openSpans) {
                if ((minuteOfWeek >= span[0] && minuteOfWeek < span[1])
                        || (minuteOfWeek + MINUTES_PER_WEEK >= span[0] && minuteOfWeek + MINUTES_PER_WEEK < span[1])) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The place with {@code openNow} in the regular hours and {@code currentOpeningHours}, as Google sends them.
         * A shallow copy: the dataset's nodes are shared, never changed.
         */
        ObjectNode withCurrentHours(int minuteOfWeek) {
            ObjectNode copy = place.objectNode().setAll(place);
            if (place.get("regularOpeningHours") instanceof ObjectNode hours) {
                ObjectNode withOpenNow = hours.objectNode().setAll(hours).put("openNow", isOpenAt(minuteOfWeek));
                copy.set("regularOpeningHours", withOpenNow);
                copy.set("currentOpeningHours", withOpenNow);
            }
            return copy;
        }

        /** Periods as [open, close) minutes of the week; a close before its open wraps past Saturday night. */
        private static List<int[]> openSpans(JsonNode periods) {
            List<int[]> spans = new ArrayList<>();
            for (JsonNode period : periods) {
                int open = minute(period.path("open"));
                if (!period.has("close")) {
                    spans.add(new int[] {0, MINUTES_PER_WEEK}); // Google's way of saying "open 24/7"
                    continue;
                }
                int close = minute(period.path("close"));
                spans.add(new int[] {open, close <= open ? close + MINUTES_PER_WEEK : close});
            }
            return spans;
        }

        private static int minute(JsonNode point) {
            return point.path("day").asInt() * 24 * 60
                    + point.path("hour").asInt() * 60
                    + point.path("minute").asInt();
        }

        private static String lower(String text) {
            return text.toLowerCase(Locale.ROOT);
        }
    }
}
