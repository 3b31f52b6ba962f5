package io.tabelogo.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A test double of one Tabelogo service behind the gateway (a fake, for routing tests): answers every request with
 * 200 and a JSON echo of what arrived (method, path, query, the headers the gateway should set), or with a fault a
 * test switched on, and records every request.
 */
public final class FakeService implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MockWebServer server = new MockWebServer();
    private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropNext = new AtomicInteger();
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicReference<Stream> streamNext = new AtomicReference<>();

    /** An SSE answer: {@code events} events, one every {@code pause}, the first at once. */
    private record Stream(int events, Duration pause) {}

    private FakeService() {}

    public static FakeService start() {
        FakeService fake = new FakeService();
        fake.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return fake.answer(request);
            }
        });
        try {
            fake.server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fake;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    /** The next {@code count} requests get their connection closed without an answer. */
    public void dropNext(int count) {
        dropNext.set(count);
    }

    public void delay(Duration by) {
        delay.set(by);
    }

    /** The next request is answered with an SSE stream: {@code events} events, {@code pause} apart. */
    public void streamNext(int events, Duration pause) {
        streamNext.set(new Stream(events, pause));
    }

    public void answerWith(int code) {
        status.set(code);
    }

    public void heal() {
        dropNext.set(0);
        delay.set(Duration.ZERO);
        status.set(200);
        streamNext.set(null);
    }

    public List<RecordedRequest> received() {
        return List.copyOf(received);
    }

    public RecordedRequest last() {
        return received.getLast();
    }

    @Override
    public void close() {
        server.close();
    }

    private MockResponse answer(RecordedRequest request) {
        received.add(request);
        if (dropNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new MockResponse.Builder()
                    .onResponseStart(new SocketEffect.CloseSocket())
                    .build();
        }
        Stream stream = streamNext.getAndSet(null);
        if (stream != null) {
            StringBuilder events = new StringBuilder();
            for (int i = 1; i <= stream.events(); i++) {
                events.append("event: tick\ndata: %05d\n\n".formatted(i)); // every event the same length
            }
            return new MockResponse.Builder()
                    .addHeader("Content-Type", "text/event-stream")
                    .body(events.toString())
                    .throttleBody(
                            events.length() / stream.events(), stream.pause().toMillis(), TimeUnit.MILLISECONDS)
                    .build();
        }
        ObjectNode echo = JSON.createObjectNode()
                .put("method", request.getMethod())
                .put("path", request.getUrl().encodedPath())
                .put("query", request.getUrl().encodedQuery());
        return new MockResponse.Builder()
                .code(status.get())
                .headersDelay(delay.get().toMillis(), TimeUnit.MILLISECONDS)
                .addHeader("Content-Type", "application/json")
                // What a service behind the gateway also sends, and the gateway must not pass on twice.
                .addHeader("Access-Control-Allow-Origin", "*")
                .addHeader("X-Request-ID", "the-service-s-own-id")
                .addHeader("X-Cache-Status", "HIT")
                .body(echo.toString())
                .build();
    }
}
