package io.tabelogo.restaurant;

import io.tabelogo.platformtest.FreePorts;
import io.tabelogo.platformtest.PrivateRedisServer;
import io.tabelogo.platformtest.ServiceJar;
import java.net.URI;
import java.util.Map;

/**
 * The real map-service, run from its jar (built before this module by the reactor) with the offline provider and a
 * private redis-server: for tests of the two services talking over real gRPC. Its output goes to
 * {@code target/map-service-under-test.log}.
 */
public final class MapServiceProcess implements AutoCloseable {

    private final ServiceJar jar;
    private final PrivateRedisServer redis;
    private final int grpcPort;

    private MapServiceProcess(ServiceJar jar, PrivateRedisServer redis, int grpcPort) {
        this.jar = jar;
        this.redis = redis;
        this.grpcPort = grpcPort;
    }

    /**
     * Starts map-service without waiting for it (see {@link #awaitReady}); it verifies callers' tokens against
     * {@code jwksUri}.
     */
    public static MapServiceProcess start(String jwksUri) {
        PrivateRedisServer redis = PrivateRedisServer.start();
        int grpcPort = FreePorts.next();
        try {
            ServiceJar jar = ServiceJar.start(
                    "map-service",
                    Map.of(
                            "TABELOGO_GRPC_PORT", Integer.toString(grpcPort),
                            "TABELOGO_MAP_PROVIDER", "offline",
                            "TABELOGO_REDIS_URL", redis.url(2),
                            "TABELOGO_SHARED_REDIS_URL", redis.url(5),
                            "TABELOGO_JWKS_URI", jwksUri));
            return new MapServiceProcess(jar, redis, grpcPort);
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    public String grpcAddress() {
        return "static://127.0.0.1:" + grpcPort;
    }

    public URI http(String path) {
        return jar.http(path);
    }

    /** Waits until map-service reports ready (it starts in 10–30 s on two cores). */
    public void awaitReady() throws InterruptedException {
        jar.awaitReady();
    }

    /** Kills map-service (as a crash would) and waits until it is gone. */
    public void kill() throws InterruptedException {
        jar.kill();
    }

    @Override
    public void close() {
        jar.close();
        redis.close();
    }
}
