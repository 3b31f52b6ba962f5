package io.tabelogo.restaurant;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tabelogo.api.map.v1.MapServiceGrpc;
import io.tabelogo.api.map.v1.Place;
import io.tabelogo.api.map.v1.PlaceSource;
import io.tabelogo.api.map.v1.QuickSearchRequest;
import io.tabelogo.api.map.v1.QuickSearchResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST DOUBLE of map-service's gRPC API, served by a real grpc-java server on a loopback port, so restaurant-service's
 * client, deadlines, retries and breaker run for real while a test decides the answers: known places, failures
 * queued for the next calls, a failure on every call, or a delay. {@code TwoServiceIntegrationTest} runs the real
 * map-service instead.
 */
public final class FakeMapService extends MapServiceGrpc.MapServiceImplBase {

    private final Map<String, Place> places = new ConcurrentHashMap<>();
    private final Queue<Status> nextFailures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Status alwaysFail;
    private volatile Duration delay = Duration.ZERO;
    private final Server server;

    private FakeMapService() {
        try {
            server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                    .addService(this)
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FakeMapService start() {
        FakeMapService fake = new FakeMapService();
        Runtime.getRuntime().addShutdownHook(new Thread(fake.server::shutdownNow));
        return fake;
    }

    public String address() {
        return "static://127.0.0.1:" + server.getPort();
    }

    public void knows(Place place) {
        places.put(place.getId(), place);
    }

    public void failNext(Status status) {
        nextFailures.add(status);
    }

    public void failAlways(Status status) {
        alwaysFail = status;
    }

    public void delayEachCall(Duration by) {
        delay = by;
    }

    public int calls() {
        return calls.get();
    }

    /** Back to answering at once, without failures (between tests). */
    public void heal() {
        nextFailures.clear();
        alwaysFail = null;
        delay = Duration.ZERO;
    }

    @Override
    public void quickSearch(QuickSearchRequest request, StreamObserver<QuickSearchResponse> answer) {
        calls.incrementAndGet();
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Status failure = nextFailures.poll();
        if (failure == null) {
            failure = alwaysFail;
        }
        if (failure != null) {
            answer.onError(failure.asRuntimeException());
            return;
        }
        Place place = places.get(request.getPlaceId());
        if (place == null) {
            answer.onError(Status.NOT_FOUND
                    .withDescription("no place " + request.getPlaceId())
                    .asRuntimeException());
            return;
        }
        answer.onNext(QuickSearchResponse.newBuilder()
                .setSource(PlaceSource.PLACE_SOURCE_OFFLINE)
                .setPlace(place)
                .build());
        answer.onCompleted();
    }
}
