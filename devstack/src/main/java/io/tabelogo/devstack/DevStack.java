package io.tabelogo.devstack;

import io.tabelogo.devstack.StateFile.Phase;
import io.tabelogo.gameday.GameDay;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The commands behind {@code ./tabelogo}, run with the repository root as working directory. */
public final class DevStack {

    private static final String USAGE = """
            Usage: ./tabelogo <command>
              up [--offline] [--chaos]
                                 start PostgreSQL, Redis and the services in the background; print their URLs.
                                 --offline: no internet needed (map-service's offline places, and spider-service
                                 scrapes its own stand-in Tabelog pages instead of tabelog.com)
                                 --chaos: with the chaos API on (runtime faults, ./tabelogo chaos)
              down               stop the services, then PostgreSQL and Redis
              status             show what runs where, probing each service's /health/readiness
              logs <name> [-f]   print the end of .tabelogo/logs/<name>.log (a service, devstack, postgres, redis);
                                 -f keeps printing what is appended. The previous run's log is <name>.log.1
              chaos [...]        list, set and clear runtime faults (./tabelogo chaos help)
              gameday [...]      play resilience experiments against the running stack, with a report
                                 (./tabelogo gameday help)
            """;
    /** Starting or finding PostgreSQL and Redis; each service then has its own readiness timeout on top. */
    private static final Duration INFRASTRUCTURE_BUDGET = Duration.ofSeconds(90);
    /** The services get 30 s, PostgreSQL and Redis 15 s between them, before the supervisor is killed. */
    private static final Duration DOWN_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern LOG_NAME = Pattern.compile("[a-z0-9-]+");

    private final StackHome home;
    private final PrintStream out;

    DevStack(StackHome home, PrintStream out) {
        this.home = home;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        try {
            System.exit(new DevStack(new StackHome(Path.of("")), System.out).run(List.of(args)));
        } catch (IllegalArgumentException | IllegalStateException e) {
            // A bad services.conf line or environment variable: the message says which and why.
            System.err.println("tabelogo: " + e.getMessage());
            System.exit(1);
        }
    }

    int run(List<String> args) throws Exception {
        String command = args.isEmpty() ? "" : args.getFirst();
        return switch (command) {
            case "up" -> up(args.contains("--offline"), args.contains("--chaos"));
            case "chaos" -> {
                List<String> chaos = args.subList(1, args.size());
                if (chaos.equals(List.of("help"))) {
                    out.print(ChaosCommand.USAGE);
                    yield 0;
                }
                yield ChaosCommand.of(home, ServiceRegistry.load(home.root()), System.getenv(), out)
                        .run(chaos);
            }
            case "gameday" -> {
                List<String> gameDay = args.subList(1, args.size());
                if (gameDay.contains("help")) {
                    out.print(GameDay.USAGE);
                    yield 0;
                }
                yield GameDay.run(gameDay, gameDaySettings(System.getenv()), out);
            }
            case "down" -> down();
            case "status" -> new StatusReport(home, ServiceRegistry.load(home.root()), out).print();
            case "logs" -> logs(args.subList(1, args.size()));
            case "supervise" ->
                new Supervisor(home, Settings.fromEnvironment(System.getenv()), ServiceRegistry.load(home.root()))
                        .run();
            default -> {
                System.err.print(USAGE);
                yield 2;
            }
        };
    }

    private int up(boolean offline, boolean chaos) throws IOException, InterruptedException {
        Settings.fromEnvironment(System.getenv()); // a bad variable fails here, not later in the detached supervisor
        var registry = ServiceRegistry.load(home.root());
        var report = new StatusReport(home, registry, out);
        home.createDirectories();
        Optional<SupervisorLock> lock = SupervisorLock.acquire(home.lockFile());
        if (lock.isEmpty()) {
            out.println("Tabelogo devstack is already running.");
            return report.print();
        }
        Path supervisorLog;
        // Held while preparing, so that no other up or down acts meanwhile; the new supervisor then takes it.
        try (var held = lock.get()) {
            stopLeftovers();
            Files.deleteIfExists(home.stateFile());
            supervisorLog = home.newLog("devstack");
        }
        var supervisorProcess = new ProcessBuilder(supervisorCommand())
                .redirectErrorStream(true)
                .redirectOutput(supervisorLog.toFile());
        if (offline) { // the services inherit the supervisor's environment
            supervisorProcess.environment().put("TABELOGO_OFFLINE", "true");
            supervisorProcess.environment().put("TABELOGO_MAP_PROVIDER", "offline");
        }
        if (chaos) {
            supervisorProcess.environment().put("TABELOGO_CHAOS_ENABLED", "true");
        }
        Process supervisor = supervisorProcess.start();
        Instant started = Instant.now();
        out.printf("Starting Tabelogo devstack (supervisor pid %d, log %s)%n", supervisor.pid(), supervisorLog);

        Instant deadline = Instant.now()
                .plus(INFRASTRUCTURE_BUDGET)
                .plus(Supervisor.READINESS_TIMEOUT.multipliedBy(
                        registry.services().size()));
        long logPosition = 0;
        while (Instant.now().isBefore(deadline)) {
            // The supervisor's log is its progress report: what it found, what it starts, what failed.
            logPosition = LogTail.printNewLines(supervisorLog, logPosition, "  ", out);
            Optional<StateFile> state = StateFile.read(home.stateFile());
            Phase phase = state.map(StateFile::phase).orElse(Phase.STARTING);
            if (phase == Phase.READY) {
                out.println();
                return report.print();
            }
            if (!supervisor.isAlive()) {
                LogTail.printNewLines(supervisorLog, logPosition, "  ", out);
                if (supervisor.exitValue() == Supervisor.ALREADY_RUNNING) {
                    out.println("Another ./tabelogo up started the devstack meanwhile.");
                    return report.print();
                }
                out.println(
                        phase == Phase.FAILED
                                ? "Tabelogo devstack could not start: "
                                        + state.get().message()
                                : "The supervisor exited with code %d before it was ready."
                                        .formatted(supervisor.exitValue()));
                out.println("Full log: " + supervisorLog);
                return 1;
            }
            Thread.sleep(300);
        }
        out.printf(
                "Not ready after %d s; the supervisor keeps trying. See ./tabelogo status and ./tabelogo logs devstack%n",
                Duration.between(started, Instant.now()).toSeconds());
        return 1;
    }

    /**
     * The game day against this checkout's stack (each service's /metrics from services.conf, reports under
     * .tabelogo/gamedays), or another installation: TABELOGO_CHAOS_URL, TABELOGO_ADMIN_*, and
     * TABELOGO_GAMEDAY_METRICS ({@code <service>=<metrics URL>,...}).
     */
    private GameDay.Settings gameDaySettings(Map<String, String> env) {
        ServiceRegistry registry = ServiceRegistry.load(home.root());
        Administrator admin = Administrator.of(home, registry, env);
        Map<String, URI> metrics = new LinkedHashMap<>();
        String given = env.getOrDefault("TABELOGO_GAMEDAY_METRICS", "");
        if (given.isBlank()) {
            registry.services().forEach(service -> metrics.put(service.name(), URI.create(service.metricsUrl())));
        } else {
            for (String entry : given.split(",")) {
                String[] pair = entry.split("=", 2);
                if (pair.length != 2) {
                    throw new IllegalArgumentException(
                            "TABELOGO_GAMEDAY_METRICS: '" + entry + "' is not <service>=<URL>");
                }
                metrics.put(pair[0].strip(), URI.create(pair[1].strip()));
            }
        }
        Path reports = Path.of(env.getOrDefault(
                "TABELOGO_GAMEDAY_REPORTS", home.dir().resolve("gamedays").toString()));
        return new GameDay.Settings(admin.gateway(), admin.email(), admin.password(), metrics, reports);
    }

    private static List<String> supervisorCommand() {
        List<String> command = new ArrayList<>();
        // A session of its own, so that closing the terminal (SIGHUP) or Ctrl-C there does not stop the stack.
        Executables.onPath("setsid").ifPresent(setsid -> command.add(setsid.toString()));
        // ./tabelogo runs "java -jar <devstack jar>", so the class path is exactly that jar.
        command.addAll(List.of(
                Executables.currentJava().toString(), "-jar", System.getProperty("java.class.path"), "supervise"));
        return command;
    }

    private int down() throws IOException, InterruptedException {
        boolean supervisorKilled = false;
        if (home.supervisorRunning()) {
            Optional<ProcessHandle> supervisor = home.supervisorProcess();
            if (supervisor.isEmpty()) {
                out.println("The supervisor is still starting (no pid file yet); run ./tabelogo down again.");
                return 1;
            }
            out.printf(
                    "Stopping Tabelogo devstack (supervisor pid %d): services, then PostgreSQL and Redis%n",
                    supervisor.get().pid());
            Instant started = Instant.now();
            if (GracefulStop.stop(List.of(supervisor.get()), DOWN_TIMEOUT).isEmpty()) {
                out.printf(
                        "Stopped in %.1f s.%n",
                        Duration.between(started, Instant.now()).toMillis() / 1000.0);
                return 0;
            }
            // What it had not stopped yet is now a leftover, found below like those of a supervisor killed by hand.
            out.printf(
                    "The supervisor did not stop within %d s; killed it. See %s%n",
                    DOWN_TIMEOUT.toSeconds(), home.log("devstack"));
            supervisorKilled = true;
        } else if (!Files.isDirectory(home.dir())) {
            out.println("Tabelogo devstack is not running.");
            return 0;
        }
        Optional<SupervisorLock> lock = SupervisorLock.acquire(home.lockFile());
        if (lock.isEmpty()) {
            out.println("A new supervisor started meanwhile (another ./tabelogo up); run ./tabelogo down again.");
            return 1;
        }
        try (var held = lock.get()) {
            if (!stopLeftovers() && !supervisorKilled) {
                out.println("Tabelogo devstack is not running.");
            }
        }
        return supervisorKilled ? 1 : 0;
    }

    /**
     * Stops what a supervisor killed without stopping its stack (SIGKILL) left running; else it would keep the data
     * directories and ports, and the next up would fail. Call it only while holding the lock. Returns whether there
     * was anything.
     */
    private boolean stopLeftovers() throws IOException, InterruptedException {
        var leftovers = LeftoverProcesses.find(home);
        if (leftovers.isEmpty()) {
            return false;
        }
        out.println("Stopping what an earlier supervisor left running: " + leftovers);
        leftovers.stop(home);
        out.println("Stopped.");
        return true;
    }

    private int logs(List<String> args) throws IOException, InterruptedException {
        boolean follow = args.contains("-f");
        List<String> names = args.stream().filter(arg -> !arg.equals("-f")).toList();
        if (names.size() != 1 || !LOG_NAME.matcher(names.getFirst()).matches()) {
            System.err.print(USAGE);
            return 2;
        }
        Path file = home.log(names.getFirst());
        if (!Files.isRegularFile(file)) {
            List<String> available;
            try (var files = Files.list(home.logs())) {
                available = files.map(f -> f.getFileName().toString())
                        .filter(name -> name.endsWith(".log"))
                        .map(name -> name.substring(0, name.length() - ".log".length()))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                available = List.of();
            }
            System.err.printf(
                    "No log %s. Available: %s%n", file, available.isEmpty() ? "none" : String.join(", ", available));
            return 1;
        }
        LogTail.print(file, follow, out);
        return 0;
    }
}
