package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platformtest.ServiceHttpClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What every end-to-end test shares: the started platform, and HTTP to its gateway only. */
abstract class ThroughTheGateway implements ServiceHttpClient {

    protected static final Platform PLATFORM = Platform.get();

    @Override
    public int port() {
        return PLATFORM.gatewayPort;
    }

    protected static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** A job's live progress (SSE) through the gateway, line by line; the lines end when the stream does. */
    protected HttpResponse<java.util.stream.Stream<String>> followJob(String jobId, String token) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> stream = HTTP.send(
                request("/api/v1/spider/jobs/" + jobId + "/stream", bearer(token))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        return stream;
    }

    /** A new account, logged in: its access token. */
    protected String newUserToken() {
        String email = "e2e-" + java.util.UUID.randomUUID() + "@example.com";
        var registered = politely("/api/v1/auth/register", """
                {"email": "%s", "password": "E2e-pass-1234", "username": "traveller"}""".formatted(email));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        var login = politely("/api/v1/auth/login", """
                {"email": "%s", "password": "E2e-pass-1234"}""".formatted(email));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return json(login).get("access_token").asString();
    }

    /**
     * A POST that waits out a 429 as a well-behaved client does ({@code Retry-After}): registrations and logins share
     * a bucket of 10 a minute per address, and all tests come from one.
     */
    protected HttpResponse<String> politely(String path, String body) {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> answer = post(path, "application/json", body);
            if (answer.statusCode() != 429 || attempt == 5) {
                return answer;
            }
            long seconds =
                    Long.parseLong(answer.headers().firstValue("Retry-After").orElse("6"));
            try {
                Thread.sleep(Duration.ofSeconds(seconds));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    protected HttpRequest.Builder management(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PLATFORM.gatewayManagementPort + path));
    }
}
