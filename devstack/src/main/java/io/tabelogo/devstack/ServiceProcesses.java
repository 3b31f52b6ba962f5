package io.tabelogo.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The services as child processes: started with the stack's PostgreSQL and Redis, stopped all together. */
final class ServiceProcesses implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcesses.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final int CONNECT_TIMEOUT_MILLIS = 1000;
    /** Spring Boot's graceful shutdown finishes in-flight requests first; it needs a few seconds, not more. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final StackHome home;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(secret|env):([A-Za-z0-9_.-]+)(?::([^}]*))?}");

    private final GeneratedSecrets secrets;
    private final PostgresEndpoint postgres;
    private final RedisEndpoint redis;
    private final List<Process> started = new CopyOnWriteArrayList<>();
    /** Each started service's environment, for its background training. */
    private final Map<ServiceSpec, Map<String, String>> environments = new ConcurrentHashMap<>();

    private final ServiceLaunch launch;
    private volatile Thread training;

    ServiceProcesses(StackHome home, PostgresEndpoint postgres, RedisEndpoint redis) {
        this.home = home;
        this.secrets = new GeneratedSecrets(home.dir().resolve("secrets.properties"));
        this.postgres = postgres;
        this.redis = redis;
        this.launch = new ServiceLaunch(home);
    }

    private static int[] ports(ServiceSpec service) {
        return service.managementPort().isPresent()
                ? new int[] {service.port(), service.managementPort().getAsInt()}
                : new int[] {service.port()};
    }

    Process start(ServiceSpec service) throws IOException {
        for (int port : ports(service)) {
            if (portInUse(port)) {
                // Else the readiness probe would be answered by whatever listens there, and count as this service's.
                throw new IllegalStateException(
                        "%s cannot start: port %d is already in use by another program (./tabelogo status shows the stack's)"
                                .formatted(service.name(), port));
            }
        }
        // The rest of the supervisor's environment is passed on, so e.g. GOOGLE_MAPS_API_KEY reaches map-service.
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("SERVER_PORT", String.valueOf(service.port()));
        service.managementPort().ifPresent(port -> {
            env.put("TABELOGO_MANAGEMENT_PORT", String.valueOf(port));
            env.put("MANAGEMENT_SERVER_ADDRESS", Settings.HOST); // a management port is never public
        });
        service.database().ifPresent(database -> {
            env.put("TABELOGO_DB_URL", postgres.jdbcUrl(database));
            env.put("TABELOGO_DB_USER", postgres.user());
            env.put("TABELOGO_DB_PASSWORD", postgres.password());
        });
        env.put("TABELOGO_REDIS_URL", redis.url(service.redisDb()));
        env.put("TABELOGO_SHARED_REDIS_URL", redis.url(ServiceRegistry.SHARED_REDIS_DB));
        // Locally the gateway reaches services over loopback: believe the client IP it forwards.
        env.putIfAbsent("TABELOGO_TRUSTED_PROXIES", "127.0.0.1,::1");
        // Services listen on loopback only (HTTP, gRPC): the gateway, whose line in services.conf
        // names its own address, is the one public entry.
        String servicesAddress = System.getenv().getOrDefault("TABELOGO_SERVICES_ADDRESS", Settings.HOST);
        env.put("SERVER_ADDRESS", servicesAddress);
        env.put("SPRING_GRPC_SERVER_HOST", servicesAddress);
        service.env().forEach((name, value) -> env.put(name, expand(name, value)));
        if (launch.needsTraining(service)) {
            log.info(
                    "{}: no ahead-of-time cache for this build of its jar; starting it from the jar, the cache is"
                            + " trained in the background once the stack is ready",
                    service.name());
        }
        var builder = new ProcessBuilder(launch.command(service))
                .directory(home.root().toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.newLog(service.name()).toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        environments.put(service, Map.copyOf(env));
        log.info("Started {} (pid {}) on port {}, log {}", service.name(), process.pid(), service.port(), log(service));
        return process;
    }

    /**
     * A services.conf value with its placeholders filled in: {@code generated-secret} (a secret of the variable's
     * own name), {@code ${secret:KEY}} (a generated secret several services share, e.g. one's client secret that
     * auth-service must know too) and {@code ${env:NAME:default}} (the supervisor's environment).
     */
    String expand(String name, String value) {
        if (GeneratedSecrets.MARKER.equals(value)) {
            return secrets.get(name);
        }
        Matcher placeholder = PLACEHOLDER.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (placeholder.find()) {
            String replacement = placeholder.group(1).equals("secret")
                    ? secrets.get(placeholder.group(2))
                    : System.getenv()
                            .getOrDefault(
                                    placeholder.group(2), placeholder.group(3) == null ? "" : placeholder.group(3));
            placeholder.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
        }
        placeholder.appendTail(expanded);
        return expanded.toString();
    }

    /** Returns once the service is ready or a stop was requested; throws if it exits or the timeout passes. */
    void awaitReady(ServiceSpec service, Process process, Duration timeout, CountDownLatch stopRequested)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            boolean ready = Readiness.isReady(service);
            // Checked after the probe: a 200 while our process is gone came from another program on the port.
            if (!process.isAlive()) {
                throw new IllegalStateException("%s exited with code %d while starting; see %s"
                        .formatted(service.name(), process.exitValue(), log(service)));
            }
            if (ready) {
                log.info("{} is ready at {}", service.name(), service.url());
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("%s was not ready within %d s (GET %s); see %s"
                        .formatted(service.name(), timeout.toSeconds(), service.readinessUrl(), log(service)));
            }
            if (stopRequested.await(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    private static boolean portInUse(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(Settings.HOST, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String log(ServiceSpec service) {
        return home.log(service.name()).toString();
    }

    /**
     * Trains, one after the other and at the lowest CPU priority, the ahead-of-time caches the started services lack
     * (after a build), so that the next start is the fast one; returns at once. A failed training is logged, and the
     * service simply keeps starting from its jar.
     */
    void trainMissingCaches() {
        List<ServiceSpec> untrained = environments.keySet().stream()
                .filter(launch::needsTraining)
                .sorted(java.util.Comparator.comparing(ServiceSpec::name))
                .toList();
        if (untrained.isEmpty()) {
            return;
        }
        training = Thread.ofVirtual().name("aot-training").start(() -> {
            for (ServiceSpec service : untrained) {
                try {
                    log.info(
                            "{}: training its ahead-of-time cache (log {})",
                            service.name(),
                            launch.trainingLog(service));
                    launch.train(service, environments.get(service));
                    log.info("{}: ahead-of-time cache ready for its next start", service.name());
                } catch (InterruptedException stopping) {
                    return;
                } catch (IOException | RuntimeException e) {
                    log.warn(
                            "{}: no ahead-of-time cache ({}); it keeps starting from its jar",
                            service.name(),
                            e.getMessage());
                }
            }
        });
    }

    /**
     * Ends a training still running, then stops all services at once: each gets SIGTERM, the ones still running after
     * the grace time are killed.
     */
    @Override
    public void close() {
        Thread running = training;
        if (running != null) {
            running.interrupt();
            try {
                running.join(STOP_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        GracefulStop.stop(started.stream().map(Process::toHandle).toList(), STOP_GRACE)
                .forEach(process -> log.warn("Killed pid {}: it did not stop within {} s", process.pid(), STOP_GRACE));
    }
}
