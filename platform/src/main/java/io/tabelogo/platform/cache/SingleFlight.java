package io.tabelogo.platform.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One load per key at a time in this replica: when a hot entry expires, the first caller loads it and the others
 * wait for its answer (or its failure) instead of all going to the source at once (cache breakdown). Nothing is
 * remembered after the load: caching the answer is the caller's business.
 */
public final class SingleFlight {

    private final ConcurrentHashMap<String, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();
    private final Runnable onWait;

    public SingleFlight() {
        this(() -> {});
    }

    /** {@code onWait} runs each time a caller waits for another's load (e.g. to count it). */
    public SingleFlight(Runnable onWait) {
        this.onWait = onWait;
    }

    @SuppressWarnings("unchecked")
    public <T> T run(String key, Supplier<T> load) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> leader = inFlight.putIfAbsent(key, mine);
        if (leader != null) {
            onWait.run();
            try {
                return (T) leader.join();
            } catch (CompletionException failed) {
                switch (failed.getCause()) {
                    case RuntimeException cause -> throw cause;
                    case Error cause -> throw cause;
                    default -> throw failed;
                }
            }
        }
        try {
            T value = load.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error failure) {
            mine.completeExceptionally(failure);
            throw failure;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** Loads running now. */
    public int inFlight() {
        return inFlight.size();
    }
}
