package io.tabelogo.devstack;

import io.tabelogo.gameday.ChaosApi;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./tabelogo chaos}: the running platform's faults, listed, set and cleared through the gateway's chaos API as
 * the installation's administrator (auth-service makes it at start from services.conf's TABELOGO_ADMIN_EMAIL and the
 * checkout's generated password). {@code TABELOGO_CHAOS_URL}, {@code TABELOGO_ADMIN_EMAIL} and
 * {@code TABELOGO_ADMIN_PASSWORD} aim it at another installation, e.g. a cluster's Ingress.
 */
final class ChaosCommand {

    static final String USAGE = """
            Usage: ./tabelogo chaos [list]
                   ./tabelogo chaos set <target> <fault> [<name>=<value> ...]
                   ./tabelogo chaos clear [<target> [<fault>]]
                   ./tabelogo chaos restart <target> [--crash]
              <target>: gateway, auth, map, restaurant or spider
              <fault>: dependency/<name> (latency_ms, error_rate, rate_per_minute), sql-delay (delay_ms), redis-down, readiness-down,
                       cpu-burn (threads), heap-pressure (megabytes); every fault takes duration_s (default 60)
              e.g. ./tabelogo chaos set map dependency/map-provider error_rate=0.5 duration_s=120
            The stack must run with chaos enabled: ./tabelogo up --chaos.
            """;
    static final List<String> TARGETS = List.of("gateway", "auth", "map", "restaurant", "spider");
    private static final Pattern PARAMETER = Pattern.compile("([a-z_]+)=(-?[0-9]+(\\.[0-9]+)?)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI gateway;
    private final String email;
    private final String password;
    private final PrintStream out;

    ChaosCommand(URI gateway, String email, String password, PrintStream out) {
        this.gateway = gateway;
        this.email = email;
        this.password = password;
        this.out = out;
    }

    /** For this checkout's stack, unless the environment names another installation. */
    static ChaosCommand of(StackHome home, ServiceRegistry registry, Map<String, String> env, PrintStream out) {
        Administrator admin = Administrator.of(home, registry, env);
        return new ChaosCommand(admin.gateway(), admin.email(), admin.password(), out);
    }

    int run(List<String> args) throws InterruptedException {
        String command = args.isEmpty() ? "list" : args.getFirst();
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        String problem = switch (command) {
            case "list" -> rest.isEmpty() ? null : "list takes no arguments";
            case "restart" ->
                rest.isEmpty()
                                || rest.size() > 2
                                || (rest.size() == 2 && !rest.get(1).equals("--crash"))
                        ? "restart takes a target, and --crash at most"
                        : checkTarget(rest.getFirst());
            case "set" -> rest.size() < 2 ? "set needs a target and a fault" : checkTarget(rest.getFirst());
            case "clear" ->
                rest.size() > 2
                        ? "clear takes a target and a fault at most"
                        : rest.isEmpty() ? null : checkTarget(rest.getFirst());
            default -> "unknown chaos command '" + command + "'";
        };
        if (problem == null && command.equals("set")) {
            problem = rest.subList(2, rest.size()).stream()
                    .filter(parameter -> !PARAMETER.matcher(parameter).matches())
                    .findFirst()
                    .map(parameter -> "'" + parameter + "' is not <name>=<number>")
                    .orElse(null);
        }
        if (problem != null) {
            out.println("tabelogo chaos: " + problem);
            out.print(USAGE);
            return 2;
        }
        ChaosApi chaos;
        try {
            chaos = ChaosApi.login(
                    gateway,
                    email,
                    password,
                    wait -> out.printf(
                            "tabelogo chaos: logins are rate-limited here; trying again in %d s%n", wait.toSeconds()));
        } catch (ChaosApi.LoginFailed failed) {
            out.println("tabelogo chaos: " + failed.getMessage());
            return 1;
        }
        try (chaos) {
            return switch (command) {
                case "set" -> set(chaos, rest.get(0), rest.get(1), rest.subList(2, rest.size()));
                case "clear" -> clear(chaos, rest);
                case "restart" -> restart(chaos, rest.getFirst(), !rest.contains("--crash"));
                default -> list(chaos);
            };
        }
    }

    /** The target exits (gracefully, or as a crash) for whatever runs it to start it again. */
    private int restart(ChaosApi chaos, String target, boolean graceful) throws InterruptedException {
        ChaosApi.Answer answer = chaos.restart(target, graceful);
        if (answer.status() != 202) {
            out.printf("%s: %s%n", target, answer.status() == 404 ? "chaos is not enabled" : answer.problem());
            return 1;
        }
        out.printf(
                "%s: exits %s in %d ms; what runs it starts it again (the devstack's supervisor, Kubernetes, ECS)%n",
                target,
                graceful ? "gracefully" : "as a crash",
                answer.body().path("exits_in_ms").asLong());
        return 0;
    }

    private static String checkTarget(String target) {
        return TARGETS.contains(target) ? null : "unknown target '" + target + "': one of " + TARGETS;
    }

    private int list(ChaosApi chaos) throws InterruptedException {
        boolean anyUnavailable = false;
        for (String target : TARGETS) {
            ChaosApi.Answer state = chaos.state(target);
            if (!state.ok()) {
                out.printf("%-11s %s%n", target, state.status() == 404 ? "chaos is not enabled" : state.problem());
                anyUnavailable = true;
                continue;
            }
            List<String> dependencies = new ArrayList<>();
            state.body().path("dependencies").forEach(name -> dependencies.add(name.asString()));
            JsonNode faults = state.body().path("faults");
            out.printf(
                    "%-11s %s%s%n",
                    target,
                    faults.isEmpty() ? "no active fault" : faults.size() + " active",
                    dependencies.isEmpty() ? "" : "   (dependencies: " + String.join(", ", dependencies) + ")");
            for (JsonNode fault : faults) {
                out.printf("  %-30s %s%n", fault.path("id").asString(), describe(fault));
            }
        }
        if (anyUnavailable) {
            out.println("Start the stack with ./tabelogo up --chaos to enable the chaos API everywhere.");
        }
        return 0;
    }

    private int set(ChaosApi chaos, String target, String fault, List<String> parameters) throws InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        for (String parameter : parameters) {
            var matcher = PARAMETER.matcher(parameter);
            matcher.matches();
            String value = matcher.group(2);
            if (value.contains(".")) {
                body.put(matcher.group(1), Double.parseDouble(value));
            } else {
                body.put(matcher.group(1), Long.parseLong(value));
            }
        }
        ChaosApi.Answer answer = chaos.set(target, fault, body);
        if (!answer.ok()) {
            out.printf("tabelogo chaos: %s %s refused: %s%n", target, fault, answer.problem());
            return 1;
        }
        out.printf("%s: %s set, %s%n", target, answer.body().path("id").asString(), describe(answer.body()));
        return 0;
    }

    private int clear(ChaosApi chaos, List<String> what) throws InterruptedException {
        List<String> targets = what.isEmpty() ? TARGETS : List.of(what.getFirst());
        String fault = what.size() == 2 ? what.get(1) : null;
        int status = 0;
        for (String target : targets) {
            ChaosApi.Answer answer = chaos.clear(target, fault);
            if (answer.ok()) {
                out.printf("%s: %s cleared%n", target, fault == null ? "every fault" : fault);
            } else {
                out.printf(
                        "%s: %s%n",
                        target, answer.status() == 404 && fault == null ? "chaos is not enabled" : answer.problem());
                status = 1;
            }
        }
        return status;
    }

    private static String describe(JsonNode fault) {
        List<String> parts = new ArrayList<>();
        for (String field :
                List.of("latency_ms", "error_rate", "rate_per_minute", "delay_ms", "threads", "megabytes")) {
            if (fault.has(field)) {
                parts.add(field + "=" + fault.path(field).asString());
            }
        }
        Duration left = Duration.between(
                Instant.now(), Instant.parse(fault.path("expires_at").asString()));
        parts.add("ends in " + Math.max(0, left.toSeconds()) + " s");
        return String.join(" ", parts);
    }
}
