package io.tabelogo.map.search;

import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.map.MapErrorCodes;
import io.tabelogo.map.provider.FieldMask;
import io.tabelogo.map.provider.PlaceProvider;
import io.tabelogo.map.provider.ProviderFailure;
import io.tabelogo.map.provider.TextQuery;
import io.tabelogo.map.search.PlaceCache.CachedPlace;
import io.tabelogo.map.search.PlaceCache.CachedSearch;
import io.tabelogo.map.search.SearchRequests.PlaceQuery;
import io.tabelogo.platform.cache.SingleFlight;
import io.tabelogo.platform.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The place searches, for HTTP and gRPC alike: cache first, then the (protected) provider, one load per key
 * at a time; a place whose provider call fails is served stale from the cache when a copy exists.
 */
@Service
public class PlaceSearch {

    public static final String SOURCE_CACHE = "cache";

    private static final List<String> ERROR_TYPES = List.of(
            "invalid_request",
            "rate_limited",
            "place_not_found",
            "provider_unavailable",
            "circuit_open",
            "quota_exceeded");

    private final PlaceProvider provider;
    private final PlaceCache cache;
    private final SearchSettings settings;
    private final MeterRegistry meters;
    private final Clock clock;
    private final JsonMapper json;
    private final SingleFlight loads = new SingleFlight();
    private final AtomicInteger active = new AtomicInteger();
    private final Counter staleServed;
    private final ContextSnapshotFactory context =
            ContextSnapshotFactory.builder().build();

    PlaceSearch(
            PlaceProvider provider,
            PlaceCache cache,
            SearchSettings settings,
            MeterRegistry meters,
            Clock clock,
            JsonMapper json) {
        this.provider = provider;
        this.cache = cache;
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
        this.json = json;
        this.staleServed = Counter.builder("map.stale.served")
                .description("Places served from a stale cache copy because the provider failed")
                .register(meters);
        meters.gauge("map.active.requests", active);
        for (String type : ERROR_TYPES) {
            errors(type); // at zero from the start, so rates and alerts see every series
        }
    }

    /** A place and where it came from; {@code cachedAt} is set when it came from the cache. */
    /** A place found; {@code placeJson} is {@code place} written as JSON, ready to be sent as it is. */
    public record PlaceResult(String source, Instant cachedAt, boolean stale, JsonNode place, String placeJson) {}

    /** The places as the JSON array of the answer (written once, shared by the cache and the answer). */
    public record SearchResult(String placesJson, int count, String source, long searchTimeMs) {

        public List<JsonNode> places(JsonMapper json) {
            List<JsonNode> places = new ArrayList<>();
            json.readTree(placesJson).forEach(places::add);
            return places;
        }
    }

    public record BatchResult(Map<String, JsonNode> places, List<Failure> failures) {}

    public record Failure(String placeId, String code, String message) {}

    public PlaceResult quickSearch(PlaceQuery query) {
        if (!query.mask().isDefault() && query.mask().isWithinDefault()) {
            // One cached copy per place and language: a narrower mask of the default fields is cut from it, so
            // mask variants neither miss the cache nor reach the provider.
            PlaceResult whole = quickSearch(query.withMask(FieldMask.DEFAULT));
            ObjectNode narrowed = query.mask().apply((ObjectNode) whole.place());
            return new PlaceResult(
                    whole.source(), whole.cachedAt(), whole.stale(), narrowed, json.writeValueAsString(narrowed));
        }
        return counted(() -> {
            String key = query.cacheKey();
            CachedPlace cached = cache.place(key);
            if (cached != null && cached.freshAt(clock.instant())) {
                if (cached.notFound()) {
                    throw MapErrorCodes.placeNotFound(query.placeId());
                }
                return new PlaceResult(SOURCE_CACHE, cached.cachedAt(), false, cached.place(), cached.placeJson());
            }
            return loads.run(key, () -> fetch(query, key, cached));
        });
    }

    private PlaceResult fetch(PlaceQuery query, String key, CachedPlace cached) {
        try {
            ObjectNode place = provider.details(query.placeId(), query.languageCode(), query.mask());
            CachedPlace fresh = cache.putPlace(key, place);
            return new PlaceResult(provider.name(), null, false, place, fresh.placeJson());
        } catch (ApiException answer) {
            if (MapErrorCodes.PLACE_NOT_FOUND.equals(answer.code())) {
                cache.putNotFound(key);
            }
            throw answer;
        } catch (ProviderFailure failure) {
            if (cached != null && !cached.notFound()) {
                staleServed.increment();
                return new PlaceResult(SOURCE_CACHE, cached.cachedAt(), true, cached.place(), cached.placeJson());
            }
            throw unavailable(failure);
        }
    }

    public SearchResult advanceSearch(TextQuery query) {
        if (!query.mask().isDefault() && query.mask().isWithinDefault()) {
            SearchResult whole = advanceSearch(query.withMask(FieldMask.DEFAULT)); // as for quickSearch
            List<ObjectNode> narrowed = new ArrayList<>();
            whole.places(json).forEach(place -> narrowed.add(query.mask().apply((ObjectNode) place)));
            return new SearchResult(
                    json.writeValueAsString(narrowed), whole.count(), whole.source(), whole.searchTimeMs());
        }
        return counted(() -> {
            long started = System.nanoTime();
            String key = searchKey(query);
            CachedSearch cached = cache.search(key);
            if (cached != null) {
                return new SearchResult(cached.placesJson(), cached.count(), SOURCE_CACHE, elapsedMs(started));
            }
            CachedSearch found = loads.run(key, () -> {
                try {
                    List<ObjectNode> places = provider.textSearch(query);
                    CachedSearch result = new CachedSearch(places.size(), json.writeValueAsString(places));
                    cache.putSearch(key, result);
                    return result;
                } catch (ProviderFailure failure) {
                    throw unavailable(failure);
                }
            });
            return new SearchResult(found.placesJson(), found.count(), provider.name(), elapsedMs(started));
        });
    }

    /** Each id on its own (a failing id never fails the batch), at most {@code batchParallelism} at a time. */
    public BatchResult batchGet(List<PlaceQuery> queries) {
        Semaphore slots = new Semaphore(settings.batchParallelism());
        Map<String, Future<PlaceResult>> pending = new LinkedHashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (PlaceQuery query : queries) {
                var snapshot = context.captureAll(); // trace and log context follow the work onto its thread
                pending.put(query.placeId(), threads.submit(() -> {
                    slots.acquire();
                    try (var scope = snapshot.setThreadLocals()) {
                        return quickSearch(query);
                    } finally {
                        slots.release();
                    }
                }));
            }
            Map<String, JsonNode> places = new LinkedHashMap<>();
            List<Failure> failures = new ArrayList<>();
            pending.forEach((placeId, result) -> {
                try {
                    places.put(placeId, result.get().place());
                } catch (Exception e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    failures.add(
                            cause instanceof ApiException api
                                    ? new Failure(placeId, api.code(), api.getMessage())
                                    : new Failure(placeId, "INTERNAL_ERROR", "The place could not be fetched."));
                }
            });
            return new BatchResult(places, failures);
        }
    }

    /** Counts a request answered with an error, by a short type ({@code rate_limited}, {@code invalid_request} …). */
    public void countError(String type) {
        errors(type).increment();
    }

    /** Runs a request's validation, counting a refusal as {@code invalid_request}. */
    public <T> T validated(Supplier<T> validation) {
        try {
            return validation.get();
        } catch (ApiException invalid) {
            countError("invalid_request");
            throw invalid;
        }
    }

    private Counter errors(String type) {
        return Counter.builder("map.errors")
                .description("Requests answered with an error, by type")
                .tag("type", type)
                .register(meters);
    }

    private <T> T counted(Supplier<T> search) {
        active.incrementAndGet();
        try {
            return search.get();
        } catch (ApiException failure) {
            countError(errorType(failure));
            throw failure;
        } finally {
            active.decrementAndGet();
        }
    }

    private static String errorType(ApiException failure) {
        if (failure.getCause() instanceof ProviderFailure cause
                && (cause.reason().equals("circuit_open") || cause.reason().equals("quota_exceeded"))) {
            return cause.reason();
        }
        return switch (failure.code()) {
            case MapErrorCodes.PLACE_NOT_FOUND -> "place_not_found";
            case MapErrorCodes.MAP_PROVIDER_UNAVAILABLE -> "provider_unavailable";
            default -> failure.code().toLowerCase(Locale.ROOT);
        };
    }

    private ApiException unavailable(ProviderFailure failure) {
        long retryAfter = switch (failure.reason()) {
            case "circuit_open" -> 30;
            case "quota_exceeded" -> 60;
            default -> 5;
        };
        return new ApiException(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        MapErrorCodes.MAP_PROVIDER_UNAVAILABLE,
                        "The place provider (" + provider.name() + ") is unavailable and nothing usable is cached.",
                        List.of(),
                        failure)
                .withHeader("Retry-After", Long.toString(retryAfter));
    }

    /** Two requests that differ only in spelling (case, spaces, mask order) share an entry. */
    static String searchKey(TextQuery query) {
        String normalised = String.join(
                "|",
                query.textQuery().toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " "),
                coordinate(query.rectangle().low().latitude()),
                coordinate(query.rectangle().low().longitude()),
                coordinate(query.rectangle().high().latitude()),
                coordinate(query.rectangle().high().longitude()),
                Integer.toString(query.maxResultCount()),
                String.valueOf(query.minRating()),
                Boolean.toString(query.onlyOpenNow()),
                query.rankPreference().name(),
                query.languageCode(),
                query.mask().cacheTag());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return "map:search:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Five decimals: about a metre, finer than any map a person pans. */
    private static String coordinate(double degrees) {
        return String.format(Locale.ROOT, "%.5f", degrees);
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
