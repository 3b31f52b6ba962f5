package io.tabelogo.gameday;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A game day against a running platform: each experiment in turn (steady load, fault, rollback, recovery), judged
 * on stated numbers, then a report. Only the gateway, the chaos API and the services' {@code /metrics} are used.
 */
public final class GameDay {

    /** The experiments, by name, in the order a full game day plays them. */
    static final Map<String, Supplier<Experiment>> EXPERIMENTS = new LinkedHashMap<>();

    static {
        EXPERIMENTS.put("cache-penetration", CachePenetration::new);
        EXPERIMENTS.put("redis-gone", RedisGone::new);
        EXPERIMENTS.put("hot-key", HotKey::new);
        EXPERIMENTS.put("slow-sql", SlowSql::new);
        EXPERIMENTS.put("pool-exhaustion", PoolExhaustion::new);
        EXPERIMENTS.put("map-down", MapDown::new);
        EXPERIMENTS.put("tabelog-throttling", TabelogThrottling::new);
        EXPERIMENTS.put("spider-restart", SpiderRestart::new);
        EXPERIMENTS.put("gateway-breaker", UpstreamBreaker::new);
    }

    public static final String USAGE = """
            Usage: ./tabelogo gameday [--short] [<experiment> ...]
              Plays each experiment (all by default) against the running platform and writes a report.
              --short: seconds per phase instead of a minute (what the test command runs)
              experiments: %s
            The platform must run with chaos enabled (./tabelogo up --chaos).
            """.formatted(String.join(", ", EXPERIMENTS.keySet()));

    /** Where the platform is and as whom; {@code metrics}: each service's /metrics by name. */
    public record Settings(
            URI gateway, String adminEmail, String adminPassword, Map<String, URI> metrics, Path reports) {}

    private GameDay() {}

    /** Plays the game day {@code args} ask for; 0 when every experiment passed, 1 when one did not, 2 bad arguments. */
    public static int run(List<String> args, Settings settings, PrintStream out) throws InterruptedException {
        boolean shortForm = args.contains("--short");
        List<String> names = args.stream().filter(arg -> !arg.equals("--short")).toList();
        for (String name : names) {
            if (!EXPERIMENTS.containsKey(name)) {
                out.println("tabelogo gameday: no experiment '" + name + "'");
                out.print(USAGE);
                return 2;
            }
        }
        List<String> chosen = names.isEmpty() ? List.copyOf(EXPERIMENTS.keySet()) : names;
        ChaosApi chaos;
        try {
            chaos = ChaosApi.login(
                    settings.gateway(),
                    settings.adminEmail(),
                    settings.adminPassword(),
                    wait -> out.printf("logins are rate-limited here; trying again in %d s%n", wait.toSeconds()));
        } catch (ChaosApi.LoginFailed failed) {
            out.println("tabelogo gameday: " + failed.getMessage());
            return 1;
        }
        try (chaos) {
            Target target = new Target(settings.gateway(), chaos, new Metrics(settings.metrics()));
            Phases phases = shortForm ? Phases.SHORT : Phases.FULL;
            Instant started = Instant.now();
            List<Result> results = new ArrayList<>();
            for (String name : chosen) {
                Experiment experiment = EXPERIMENTS.get(name).get();
                out.printf("%s: %s%n", name, experiment.hypothesis());
                Result result = experiment.run(target, phases);
                results.add(result);
                out.printf(
                        "%s: %s%s%n",
                        name,
                        result.passed() ? "PASS" : "FAIL",
                        result.error() == null ? "" : " (" + result.error() + ")");
                for (Check check : result.checks()) {
                    out.printf(
                            "  %s %s: %s (expected %s)%n",
                            check.passed() ? "ok  " : "FAIL", check.what(), check.measured(), check.expected());
                }
            }
            Path directory = settings.reports()
                    .resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                            .withZone(ZoneOffset.UTC)
                            .format(started));
            try {
                Path report = Report.write(directory, settings.gateway().toString(), started, results);
                out.println("Report: " + report);
            } catch (java.io.IOException e) {
                out.println("tabelogo gameday: could not write the report in " + directory + ": " + e.getMessage());
                return 1;
            }
            return results.stream().allMatch(Result::passed) ? 0 : 1;
        }
    }
}
