package io.tabelogo.gameday;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A steady load: requests at a fixed rate whatever the answers' latency (an open model, as real visitors arrive),
 * each one's start, latency and status recorded. A request that does not answer within the timeout counts as failed
 * (status 0). At most {@code maxInFlight} requests are outstanding: the load never grows without bound against a
 * stalled platform, and what it could not send is counted as failed too.
 */
final class Load implements AutoCloseable {

    /**
     * One request: when it started (ms since the load began), how long it took, its status (0: no answer) and, for an
     * error answered as problem+json, its {@code code} ("" otherwise).
     */
    record Sample(long startMs, long latencyMs, int status, String code) {

        Sample(long startMs, long latencyMs, int status) {
            this(startMs, latencyMs, status, "");
        }

        boolean failed() {
            return status == 0 || status >= 500;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final Semaphore inFlight;
    private final long origin = System.nanoTime();
    private final Thread pacer;
    private volatile boolean stopped;

    private Load(int perSecond, int maxInFlight, Supplier<HttpRequest> requests) {
        this.inFlight = new Semaphore(maxInFlight);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.pacer = Thread.ofPlatform().name("gameday-load").daemon().start(() -> {
            long next = System.nanoTime();
            while (!stopped) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
                next += intervalNanos;
                long start = nowMs();
                if (!inFlight.tryAcquire()) {
                    samples.add(new Sample(start, 0, 0));
                    continue;
                }
                HttpRequest request = requests.get();
                senders.submit(() -> send(request, start));
            }
        });
    }

    /** Starts sending {@code perSecond} requests a second, made by {@code requests}. */
    static Load start(int perSecond, int maxInFlight, Supplier<HttpRequest> requests) {
        return new Load(perSecond, maxInFlight, requests);
    }

    private void send(HttpRequest request, long startMs) {
        int status = 0;
        String code = "";
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(request, (name, value) -> true)
                            .timeout(TIMEOUT)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            code = status >= 400 ? problemCode(response.body()) : "";
        } catch (IOException | RuntimeException noAnswer) {
            status = 0;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            status = 0;
        } finally {
            inFlight.release();
        }
        samples.add(new Sample(startMs, nowMs() - startMs, status, code));
    }

    /** The {@code code} of a problem+json body; "" when the body is not one. */
    static String problemCode(String body) {
        try {
            return JSON.readTree(body).path("code").asString("");
        } catch (JacksonException notJson) {
            return "";
        }
    }

    /** Milliseconds since the load began: the time axis of its samples. */
    long nowMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - origin);
    }

    /** Every answered (or failed) request so far. */
    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Stops sending and waits (a bounded time) for the requests in flight. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        pacer.interrupt();
        pacer.join(TIMEOUT.toMillis());
        senders.shutdown();
        senders.awaitTermination(TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
        http.close();
    }
}
