package io.tabelogo.e2e;

import io.tabelogo.platformtest.FaultProxy;
import io.tabelogo.platformtest.FreePorts;
import io.tabelogo.platformtest.PrivateRedisServer;
import io.tabelogo.platformtest.ShippedRedisUsers;
import io.tabelogo.platformtest.TestDatabase;
import io.tabelogo.platformtest.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole platform, started once for all end-to-end tests from the jars the reactor packaged: auth, map
 * (offline places), restaurant, spider (offline Tabelog, reached through a fault proxy) and the gateway, on free ports, with a PostgreSQL
 * database per service, one private redis-server (each service its own db, db 5 shared, and its own Redis user with
 * the shipped ACL rules) and an in-test OTLP
 * receiver collecting every service's spans. Tests talk to the gateway only. Logs: {@code target/<service>.log}
 * (standard output, JSON lines) and {@code target/<service>.stderr.log}.
 */
final class Platform {

    private static final Duration READY_WITHIN = Duration.ofMinutes(4);
    private static Platform started;

    final int gatewayPort = FreePorts.next();
    final int gatewayManagementPort = FreePorts.next();
    /** The administrator auth-service creates at its start (chaos API, admin-only endpoints). */
    final String adminEmail = "admin@e2e.tabelogo.test";

    final String adminPassword = "Admin-" + UUID.randomUUID();
    /** Receives every service's spans over OTLP/HTTP. */
    final OtlpReceiver traces = new OtlpReceiver();

    /** Between spider-service and its offline Tabelog pages (on its own port): a slow Tabelog on demand. */
    FaultProxy tabelog;

    /** Where each service's own /metrics is (the gateway's on its management port). */
    final Map<String, Integer> metricsPorts = new LinkedHashMap<>();

    private final Map<String, Process> processes = new ConcurrentHashMap<>();
    /** The services a test stopped (until it restarts them): the only ones not started again when they exit. */
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();

    private volatile boolean shuttingDown;
    /** How each service was started, to start it again after {@link #stop(String)}. */
    private final Map<String, ProcessBuilder> launches = new HashMap<>();

    private final Map<String, TestDatabase> databases = new LinkedHashMap<>();
    /**
     * Each service its own Redis user, limited as in the Compose deployment (deploy/compose/redis); the default user
     * is the tests' own, to read what the services were refused (ACL LOG).
     */
    final ShippedRedisUsers redisUsers = ShippedRedisUsers.withTestAdmin();

    final PrivateRedisServer redis = PrivateRedisServer.start(redisUsers.aclFile());

    private Platform() {}

    /** The running platform, started by the first test that asks. */
    static synchronized Platform get() {
        if (started == null) {
            Platform platform = new Platform();
            Runtime.getRuntime().addShutdownHook(new Thread(platform::shutDown));
            platform.start();
            started = platform;
        }
        return started;
    }

    URI gateway(String path) {
        return URI.create("http://127.0.0.1:" + gatewayPort + path);
    }

    URI gatewayManagement(String path) {
        return URI.create("http://127.0.0.1:" + gatewayManagementPort + path);
    }

    /** A service's standard output: its JSON log lines. */
    Path log(String service) {
        return Path.of("target", service + ".log");
    }

    private void start() {
        int auth = FreePorts.next();
        int map = FreePorts.next();
        int mapGrpc = FreePorts.next();
        int restaurant = FreePorts.next();
        int spider = FreePorts.next();
        tabelog = FaultProxy.start("127.0.0.1", spider);
        // restaurant-service calls map-service as itself, with service tokens auth-service issues to it.
        String restaurantSecret = UUID.randomUUID().toString();
        Map<String, String> common = new HashMap<>(Map.of(
                "TABELOGO_JWKS_URI",
                "http://127.0.0.1:" + auth + "/.well-known/jwks.json",
                // The gateway reaches the services over loopback and forwards the client address it resolved.
                "TABELOGO_TRUSTED_PROXIES",
                "127.0.0.1,::1",
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                traces.endpoint(),
                // Runtime faults for the chaos tests and the game day (administrators only).
                "TABELOGO_CHAOS_ENABLED",
                "true"));
        launch(
                "auth-service",
                auth,
                common,
                database("auth-service"),
                Map.of(
                        "TABELOGO_REDIS_URL",
                        redisUrl("auth-service", 0),
                        "TABELOGO_GRPC_PORT",
                        Integer.toString(FreePorts.next()),
                        "TABELOGO_AUTH_KEY_PASSWORD",
                        UUID.randomUUID().toString(),
                        "TABELOGO_SERVICE_CLIENTS",
                        "restaurant-service:" + restaurantSecret,
                        "TABELOGO_ADMIN_EMAIL",
                        adminEmail,
                        "TABELOGO_ADMIN_PASSWORD",
                        adminPassword));
        launch(
                "map-service",
                map,
                common,
                null,
                Map.of(
                        "TABELOGO_REDIS_URL", redisUrl("map-service", 2),
                        "TABELOGO_GRPC_PORT", Integer.toString(mapGrpc),
                        "TABELOGO_MAP_PROVIDER", "offline"));
        launch(
                "restaurant-service",
                restaurant,
                common,
                database("restaurant-service"),
                Map.of(
                        "TABELOGO_REDIS_URL",
                        redisUrl("restaurant-service", 1),
                        "TABELOGO_GRPC_PORT",
                        Integer.toString(FreePorts.next()),
                        "TABELOGO_MAP_GRPC_ADDRESS",
                        "static://127.0.0.1:" + mapGrpc,
                        "TABELOGO_SERVICE_SECRET",
                        restaurantSecret,
                        "TABELOGO_SERVICE_TOKEN_URI",
                        "http://127.0.0.1:" + auth + "/internal/v1/service-tokens"));
        launch(
                "spider-service",
                spider,
                common,
                database("spider-service"),
                Map.of(
                        "TABELOGO_REDIS_URL",
                        redisUrl("spider-service", 3),
                        "TABELOGO_GRPC_PORT",
                        Integer.toString(FreePorts.next()),
                        "TABELOGO_OFFLINE",
                        "true",
                        "TABELOGO_TABELOG_BASE_URL",
                        "http://127.0.0.1:" + tabelog.port() + "/offline-tabelog",
                        "TABELOGO_TABELOG_RATE_PER_MINUTE",
                        "600"));
        // Map tiles from a port nobody listens on: the web app's offline map, the same with or without internet.
        String noTiles = "http://127.0.0.1:" + FreePorts.next();
        launch(
                "gateway",
                gatewayPort,
                common,
                null,
                Map.ofEntries(
                        Map.entry("TABELOGO_REDIS_URL", redisUrl("gateway", 4)),
                        Map.entry("TABELOGO_MANAGEMENT_PORT", Integer.toString(gatewayManagementPort)),
                        Map.entry("TABELOGO_AUTH_URL", "http://127.0.0.1:" + auth),
                        Map.entry("TABELOGO_MAP_URL", "http://127.0.0.1:" + map),
                        Map.entry("TABELOGO_RESTAURANT_URL", "http://127.0.0.1:" + restaurant),
                        Map.entry("TABELOGO_SPIDER_URL", "http://127.0.0.1:" + spider),
                        Map.entry("TABELOGO_CORS_ALLOWED_ORIGINS", "https://app.tabelogo.example"),
                        // The edge itself trusts no proxy: a client's X-Forwarded-For is never believed here.
                        Map.entry("TABELOGO_TRUSTED_PROXIES", ""),
                        Map.entry("TABELOGO_WEB_TILE_URL", noTiles + "/{z}/{x}/{y}.png"),
                        Map.entry("TABELOGO_WEB_TILE_SOURCES", noTiles)));
        metricsPorts.putAll(Map.of(
                "auth-service", auth,
                "map-service", map,
                "restaurant-service", restaurant,
                "spider-service", spider,
                "gateway", gatewayManagementPort));
        awaitReady("auth-service", auth);
        awaitReady("map-service", map);
        awaitReady("restaurant-service", restaurant);
        awaitReady("spider-service", spider);
        awaitReady("gateway", gatewayManagementPort);
    }

    /** The service's Redis database, as the service's own Redis user. */
    private String redisUrl(String service, int database) {
        return redis.url(database, service, redisUsers.password(service));
    }

    private TestDatabase database(String service) {
        TestDatabase database = TestPostgres.createDatabase();
        databases.put(service, database);
        return database;
    }

    /** The service's own PostgreSQL database (auth-, restaurant- and spider-service have one). */
    TestDatabase databaseOf(String service) {
        TestDatabase database = databases.get(service);
        if (database == null) {
            throw new IllegalArgumentException(service + " has no database");
        }
        return database;
    }

    /**
     * Stops one service (SIGTERM, as an orchestrator would) and waits until it is gone; the rest keep running.
     * A test that stops a service starts it again with {@link #restart(String)}, in a {@code finally}.
     */
    synchronized void stop(String service) {
        stopped.add(service);
        Process process = processes.get(service);
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts a stopped service again as it first was (its logs go on in the same files) and waits until ready. */
    synchronized void restart(String service) {
        ProcessBuilder launch = launches.get(service);
        launch.redirectOutput(ProcessBuilder.Redirect.appendTo(log(service).toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        Path.of("target", service + ".stderr.log").toFile()));
        stopped.remove(service);
        start(service, launch);
        awaitReady(service, metricsPorts.get(service));
    }

    private void start(String service, ProcessBuilder launch) {
        Process process;
        try {
            process = launch.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        processes.put(service, process);
        process.onExit().thenRun(() -> Thread.ofVirtual().start(() -> startAgain(service, process)));
    }

    /**
     * As an orchestrator restarts a container: a service that exits by itself (a crash, a chaos restart) is started
     * again; one that a test stopped, or the platform shutting down, is not.
     */
    private synchronized void startAgain(String service, Process exited) {
        if (shuttingDown || stopped.contains(service) || processes.get(service) != exited) {
            return;
        }
        System.err.printf("e2e platform: %s exited with %d; starting it again%n", service, exited.exitValue());
        try {
            restart(service);
        } catch (RuntimeException failed) {
            System.err.printf("e2e platform: %s did not start again: %s%n", service, failed.getMessage());
        }
    }

    private void launch(
            String service, int port, Map<String, String> common, TestDatabase database, Map<String, String> own) {
        Path jar = Path.of("..", "services", service, "target", service + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run the reactor from the root "
                    + "(./mvnw verify), which packages every service before the end-to-end tests");
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1", // five JVMs start on two cores: quick start over peak speed
                        "-jar",
                        jar.toString()))
                .redirectOutput(log(service).toFile())
                // The JVM's own warnings (stderr) apart: the log proper is JSON lines only.
                .redirectError(Path.of("target", service + ".stderr.log").toFile());
        Map<String, String> env = builder.environment();
        env.putAll(common);
        env.put("TABELOGO_SHARED_REDIS_URL", redisUrl(service, 5));
        env.putAll(own);
        env.put("SERVER_PORT", Integer.toString(port));
        if (database != null) {
            env.put("TABELOGO_DB_URL", database.url());
            env.put("TABELOGO_DB_USER", database.username());
            env.put("TABELOGO_DB_PASSWORD", database.password());
        }
        launches.put(service, builder);
        start(service, builder);
    }

    private void awaitReady(String service, int port) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            Process process = processes.get(service);
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        service + " exited with " + process.exitValue() + "; see e2e/target/" + service + ".log");
            }
            try {
                HttpResponse<Void> ready = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(service + " was not ready within " + READY_WITHIN.toSeconds()
                + " s; see e2e/target/" + service + ".log");
    }

    private void shutDown() {
        shuttingDown = true;
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
        traces.close();
        if (tabelog != null) {
            tabelog.close();
        }
        redis.close();
        databases.values().forEach(TestPostgres::drop);
    }
}
