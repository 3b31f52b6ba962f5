package io.tabelogo.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
              <target>: gateway, auth, map, restaurant or spider
              <fault>: dependency/<name> (latency_ms, error_rate), sql-delay (delay_ms), redis-down, readiness-down,
                       cpu-burn (threads), heap-pressure (megabytes); every fault takes duration_s (default 60)
              e.g. ./tabelogo chaos set map dependency/map-provider error_rate=0.5 duration_s=120
            The stack must run with chaos enabled: ./tabelogo up --chaos.
            """;
    static final List<String> TARGETS = List.of("gateway", "auth", "map", "restaurant", "spider");
    private static final Pattern PARAMETER = Pattern.compile("([a-z_]+)=(-?[0-9]+(\\.[0-9]+)?)");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int LOGIN_ATTEMPTS = 4;
    private static final Duration MAX_LOGIN_WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI gateway;
    private final String email;
    private final String password;
    private final PrintStream out;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    ChaosCommand(URI gateway, String email, String password, PrintStream out) {
        this.gateway = gateway;
        this.email = email;
        this.password = password;
        this.out = out;
    }

    /** For this checkout's stack, unless the environment names another installation. */
    static ChaosCommand of(StackHome home, ServiceRegistry registry, Map<String, String> env, PrintStream out) {
        ServiceSpec gateway = registry.services().stream()
                .filter(service -> service.name().equals("gateway"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("services.conf has no gateway"));
        String email = env.getOrDefault(
                "TABELOGO_ADMIN_EMAIL",
                registry.services().stream()
                        .map(service -> service.env().get("TABELOGO_ADMIN_EMAIL"))
                        .filter(value -> value != null)
                        .findFirst()
                        .orElse(""));
        String password = env.containsKey("TABELOGO_ADMIN_PASSWORD")
                ? env.get("TABELOGO_ADMIN_PASSWORD")
                : new GeneratedSecrets(home.dir().resolve("secrets.properties")).get("TABELOGO_ADMIN_PASSWORD");
        URI url =
                URI.create(env.getOrDefault("TABELOGO_CHAOS_URL", gateway.url()).replaceAll("/+$", ""));
        return new ChaosCommand(url, email, password, out);
    }

    int run(List<String> args) throws IOException, InterruptedException {
        String command = args.isEmpty() ? "list" : args.getFirst();
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        String problem = switch (command) {
            case "list" -> rest.isEmpty() ? null : "list takes no arguments";
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
        String token = login();
        if (token == null) {
            return 1;
        }
        return switch (command) {
            case "set" -> set(token, rest.get(0), rest.get(1), rest.subList(2, rest.size()));
            case "clear" -> clear(token, rest);
            default -> list(token);
        };
    }

    private static String checkTarget(String target) {
        return TARGETS.contains(target) ? null : "unknown target '" + target + "': one of " + TARGETS;
    }

    private String login() throws IOException, InterruptedException {
        if (email.isBlank() || password.isBlank()) {
            out.println("tabelogo chaos: no administrator to log in as (TABELOGO_ADMIN_EMAIL and its password)");
            return null;
        }
        ObjectNode body = JSON.createObjectNode().put("email", email).put("password", password);
        HttpResponse<String> login;
        for (int attempt = 1; ; attempt++) {
            try {
                login = send(request("/api/v1/auth/login", null)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
            } catch (IOException unreachable) {
                out.printf("tabelogo chaos: no gateway at %s (%s); is the stack up?%n", gateway, describe(unreachable));
                return null;
            }
            // Logins share a small rate limit per address: wait as the gateway asks, a few times at most.
            if (login.statusCode() != 429 || attempt == LOGIN_ATTEMPTS) {
                break;
            }
            long seconds =
                    Math.min(login.headers().firstValueAsLong("Retry-After").orElse(5), MAX_LOGIN_WAIT.toSeconds());
            out.printf("tabelogo chaos: logins are rate-limited here; trying again in %d s%n", seconds);
            Thread.sleep(Duration.ofSeconds(seconds));
        }
        if (login.statusCode() != 200) {
            out.printf("tabelogo chaos: the administrator %s could not log in: %s%n", email, problem(login));
            return null;
        }
        return JSON.readTree(login.body()).path("access_token").asString();
    }

    private int list(String token) throws IOException, InterruptedException {
        boolean anyUnavailable = false;
        for (String target : TARGETS) {
            HttpResponse<String> state =
                    send(request("/api/v1/chaos/" + target, token).GET());
            if (state.statusCode() != 200) {
                out.printf("%-11s %s%n", target, state.statusCode() == 404 ? "chaos is not enabled" : problem(state));
                anyUnavailable = true;
                continue;
            }
            JsonNode body = JSON.readTree(state.body());
            List<String> dependencies = new ArrayList<>();
            body.path("dependencies").forEach(name -> dependencies.add(name.asString()));
            out.printf(
                    "%-11s %s%s%n",
                    target,
                    body.path("faults").isEmpty()
                            ? "no active fault"
                            : body.path("faults").size() + " active",
                    dependencies.isEmpty() ? "" : "   (dependencies: " + String.join(", ", dependencies) + ")");
            for (JsonNode fault : body.path("faults")) {
                out.printf("  %-30s %s%n", fault.path("id").asString(), describe(fault));
            }
        }
        if (anyUnavailable) {
            out.println("Start the stack with ./tabelogo up --chaos to enable the chaos API everywhere.");
        }
        return 0;
    }

    private int set(String token, String target, String fault, List<String> parameters)
            throws IOException, InterruptedException {
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
        HttpResponse<String> answer = send(request("/api/v1/chaos/" + target + "/faults/" + fault, token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (answer.statusCode() != 200) {
            out.printf("tabelogo chaos: %s %s refused: %s%n", target, fault, problem(answer));
            return 1;
        }
        JsonNode set = JSON.readTree(answer.body());
        out.printf("%s: %s set, %s%n", target, set.path("id").asString(), describe(set));
        return 0;
    }

    private int clear(String token, List<String> what) throws IOException, InterruptedException {
        List<String> targets = what.isEmpty() ? TARGETS : List.of(what.getFirst());
        String fault = what.size() == 2 ? "/" + what.get(1) : "";
        int status = 0;
        for (String target : targets) {
            HttpResponse<String> answer = send(request("/api/v1/chaos/" + target + "/faults" + fault, token)
                    .DELETE());
            if (answer.statusCode() == 204) {
                out.printf("%s: %s cleared%n", target, fault.isEmpty() ? "every fault" : what.get(1));
            } else {
                out.printf(
                        "%s: %s%n",
                        target,
                        answer.statusCode() == 404 && fault.isEmpty() ? "chaos is not enabled" : problem(answer));
                status = 1;
            }
        }
        return status;
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(gateway + path)).timeout(TIMEOUT);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A problem answer in one line: its detail and each field's complaint. */
    private static String problem(HttpResponse<String> answer) {
        try {
            JsonNode problem = JSON.readTree(answer.body());
            StringBuilder line = new StringBuilder(problem.path("detail").asString("HTTP " + answer.statusCode()));
            problem.path("errors")
                    .forEach(error -> line.append(" ")
                            .append(error.path("field").asString())
                            .append(" ")
                            .append(error.path("message").asString())
                            .append(";"));
            return line.toString();
        } catch (RuntimeException notJson) {
            return "HTTP " + answer.statusCode();
        }
    }

    private static String describe(JsonNode fault) {
        List<String> parts = new ArrayList<>();
        for (String field : List.of("latency_ms", "error_rate", "delay_ms", "threads", "megabytes")) {
            if (fault.has(field)) {
                parts.add(field + "=" + fault.path(field).asString());
            }
        }
        Duration left = Duration.between(
                Instant.now(), Instant.parse(fault.path("expires_at").asString()));
        parts.add("ends in " + Math.max(0, left.toSeconds()) + " s");
        return String.join(" ", parts);
    }

    private static String describe(IOException failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
