package io.tabelogo.gameday;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The platform's chaos API through its gateway, as an administrator: {@code /api/v1/chaos/<target>} where the target
 * is {@code gateway} or a service's short name ({@code auth}, {@code map}, {@code restaurant}, {@code spider}).
 */
public final class ChaosApi implements AutoCloseable {

    /** An answer of the API: its status and its JSON body (empty for 204). */
    public record Answer(int status, JsonNode body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** A problem answer in one line: its detail and each field's complaint. */
        public String problem() {
            StringBuilder line = new StringBuilder(body.path("detail").asString("HTTP " + status));
            body.path("errors")
                    .forEach(error -> line.append(" ")
                            .append(error.path("field").asString())
                            .append(" ")
                            .append(error.path("message").asString())
                            .append(";"));
            return line.toString();
        }
    }

    /** The administrator could not log in: the message says why. */
    public static final class LoginFailed extends Exception {
        LoginFailed(String message) {
            super(message);
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int LOGIN_ATTEMPTS = 4;
    private static final Duration MAX_LOGIN_WAIT = Duration.ofSeconds(30);

    private final URI gateway;
    private final String token;
    private final HttpClient http;

    private ChaosApi(URI gateway, String token, HttpClient http) {
        this.gateway = gateway;
        this.token = token;
        this.http = http;
    }

    /**
     * Logs in through the gateway. Logins share a small rate limit per address: a 429 is waited out as its
     * {@code Retry-After} asks (each wait reported to {@code waiting}), a few times at most.
     */
    public static ChaosApi login(URI gateway, String email, String password, Consumer<Duration> waiting)
            throws LoginFailed, InterruptedException {
        if (email == null || email.isBlank() || password == null || password.isBlank()) {
            throw new LoginFailed("no administrator to log in as (TABELOGO_ADMIN_EMAIL and TABELOGO_ADMIN_PASSWORD)");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        ObjectNode credentials = JSON.createObjectNode().put("email", email).put("password", password);
        HttpResponse<String> login;
        try {
            login = postWaitingOutRateLimit(
                    http, gateway.resolve("/api/v1/auth/login"), credentials.toString(), waiting);
        } catch (IOException unreachable) {
            throw new LoginFailed("no gateway at " + gateway + " (" + describe(unreachable) + "); is the stack up?");
        }
        if (login.statusCode() != 200) {
            throw new LoginFailed("the administrator " + email + " could not log in: "
                    + new Answer(login.statusCode(), parse(login.body())).problem());
        }
        return new ChaosApi(
                gateway, JSON.readTree(login.body()).path("access_token").asString(), http);
    }

    /**
     * A JSON POST whose 429 is waited out as its {@code Retry-After} asks (each wait reported to {@code waiting}), a few
     * times at most: registrations and logins share a small rate limit per address. The last answer, whatever it is.
     */
    static HttpResponse<String> postWaitingOutRateLimit(
            HttpClient http, URI url, String json, Consumer<Duration> waiting)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(url)
                            .timeout(TIMEOUT)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 429 || attempt == LOGIN_ATTEMPTS) {
                return answer;
            }
            Duration wait = Duration.ofSeconds(
                    Math.min(answer.headers().firstValueAsLong("Retry-After").orElse(5), MAX_LOGIN_WAIT.toSeconds()));
            waiting.accept(wait);
            Thread.sleep(wait);
        }
    }

    /** The target's state: its service, kinds of fault, dependencies and active faults. */
    public Answer state(String target) throws InterruptedException {
        return send(request("/api/v1/chaos/" + target).GET());
    }

    /** Sets {@code fault} ({@code sql-delay}, {@code dependency/map-grpc} …) on {@code target}. */
    public Answer set(String target, String fault, ObjectNode parameters) throws InterruptedException {
        return send(request("/api/v1/chaos/" + target + "/faults/" + fault)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(parameters.toString())));
    }

    /** Clears one fault of {@code target}, or all of them when {@code fault} is null. */
    public Answer clear(String target, String fault) throws InterruptedException {
        return send(request("/api/v1/chaos/" + target + "/faults" + (fault == null ? "" : "/" + fault))
                .DELETE());
    }

    /**
     * Asks {@code target} to exit ({@code graceful}: as on SIGTERM, else as a crash) for whatever runs it to start it
     * again.
     */
    public Answer restart(String target, boolean graceful) throws InterruptedException {
        return send(request("/api/v1/chaos/" + target + "/restart")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        JSON.createObjectNode().put("graceful", graceful).toString())));
    }

    /**
     * Logs out: the session ends now rather than lingering for a day, where it would count against the
     * administrator's few sessions (each login beyond them revokes the oldest, perhaps the administrator's browser).
     */
    @Override
    public void close() {
        try {
            http.send(
                    request("/api/v1/auth/logout")
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException unreachable) {
            // The session ends by itself when its time is up.
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            http.close();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(gateway.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder request) throws InterruptedException {
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(answer.statusCode(), parse(answer.body()));
        } catch (IOException unreachable) {
            throw new UncheckedIOException("the gateway at " + gateway + " did not answer", unreachable);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static String describe(IOException failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
