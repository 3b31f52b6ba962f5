package io.tabelogo.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessesIntegrationTest {

    private static final PostgresEndpoint POSTGRES = new PostgresEndpoint("127.0.0.1", 15432, "postgres", "", true);
    private static final RedisEndpoint REDIS = new RedisEndpoint("127.0.0.1", 16379, true);

    @TempDir
    Path root;

    private StackHome home;

    @BeforeEach
    void writeFakeServiceJar() throws Exception {
        home = new StackHome(root);
        home.createDirectories();
        FakeService.writeJar(root.resolve("fake.jar"));
    }

    @Test
    void startsServiceWithTheStacksSettingsWaitsForReadinessAndStopsIt() throws Exception {
        var service = service(
                "fake-service",
                Optional.of("tabelogo_fake"),
                Map.of(
                        "EXTRA",
                        "yes",
                        "LOCAL_SECRET",
                        GeneratedSecrets.MARKER,
                        "CLIENTS",
                        "caller:${secret:shared-secret},other:${env:TABELOGO_NO_SUCH_VARIABLE:fallback}"));
        Process process;
        try (var processes = new ServiceProcesses(home, POSTGRES, REDIS)) {
            process = processes.start(service);
            processes.awaitReady(service, process, Duration.ofSeconds(30), new CountDownLatch(1));

            assertThat(Readiness.isReady(service)).isTrue();
            assertThat(env(service, "SERVER_PORT")).isEqualTo(String.valueOf(service.port()));
            assertThat(env(service, "TABELOGO_DB_URL")).isEqualTo("jdbc:postgresql://127.0.0.1:15432/tabelogo_fake");
            assertThat(env(service, "TABELOGO_DB_USER")).isEqualTo("postgres");
            assertThat(env(service, "TABELOGO_REDIS_URL")).isEqualTo("redis://127.0.0.1:16379/1");
            assertThat(env(service, "TABELOGO_SHARED_REDIS_URL")).isEqualTo("redis://127.0.0.1:16379/5");
            assertThat(env(service, "TABELOGO_TRUSTED_PROXIES")).isEqualTo("127.0.0.1,::1");
            assertThat(env(service, "EXTRA")).isEqualTo("yes");
            var secrets = new GeneratedSecrets(home.dir().resolve("secrets.properties"));
            assertThat(env(service, "LOCAL_SECRET")).isEqualTo(secrets.get("LOCAL_SECRET"));
            assertThat(env(service, "CLIENTS")).isEqualTo("caller:" + secrets.get("shared-secret") + ",other:fallback");
            // Not public: every listener on loopback unless the service's own line says otherwise.
            assertThat(env(service, "SERVER_ADDRESS")).isEqualTo("127.0.0.1");
            assertThat(env(service, "SPRING_GRPC_SERVER_HOST")).isEqualTo("127.0.0.1");
        }
        assertThat(process.isAlive()).isFalse();
        assertThat(Readiness.isReady(service)).isFalse();
        assertThat(home.log("fake-service")).content().contains("fake service listening on " + service.port());
    }

    @Test
    void serviceThatExitsWhileStartingFailsWithItsExitCodeAndLog() throws Exception {
        var service = service("broken-service", Optional.empty(), Map.of("FAKE_EXIT_CODE", "3"));
        try (var processes = new ServiceProcesses(home, POSTGRES, REDIS)) {
            Process process = processes.start(service);

            assertThatIllegalStateException()
                    .isThrownBy(
                            () -> processes.awaitReady(service, process, Duration.ofSeconds(30), new CountDownLatch(1)))
                    .withMessage("broken-service exited with code 3 while starting; see " + home.log("broken-service"));
        }
    }

    @Test
    void refusesToStartOnAPortAnotherProgramListensOn() throws Exception {
        var service = service("fake-service", Optional.empty(), Map.of());
        try (var other = new ServerSocket(service.port(), 50, InetAddress.getLoopbackAddress());
                var processes = new ServiceProcesses(home, POSTGRES, REDIS)) {
            assertThatIllegalStateException()
                    .isThrownBy(() -> processes.start(service))
                    .withMessageStartingWith(
                            "fake-service cannot start: port %d is already in use".formatted(service.port()));
        }
    }

    @Test
    void readinessAnsweredByAnotherProgramDoesNotCountOnceTheServiceExited() throws Exception {
        var service = service("broken-service", Optional.empty(), Map.of("FAKE_EXIT_CODE", "3"));
        try (var processes = new ServiceProcesses(home, POSTGRES, REDIS)) {
            Process process = processes.start(service);
            process.waitFor();
            // Took the port after the service started, so only the alive check can tell its 200 from the service's.
            var impostor = HttpServer.create(new InetSocketAddress("127.0.0.1", service.port()), 0);
            impostor.createContext("/health/readiness", exchange -> {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            impostor.start();
            try {
                assertThat(Readiness.isReady(service)).isTrue();
                assertThatIllegalStateException()
                        .isThrownBy(() ->
                                processes.awaitReady(service, process, Duration.ofSeconds(30), new CountDownLatch(1)))
                        .withMessageStartingWith("broken-service exited with code 3 while starting");
            } finally {
                impostor.stop(0);
            }
        }
    }

    @Test
    void keepsThePreviousRunsLog() throws Exception {
        var service = service("broken-service", Optional.empty(), Map.of("FAKE_EXIT_CODE", "3"));
        Files.writeString(home.log("broken-service"), "previous run\n");
        try (var processes = new ServiceProcesses(home, POSTGRES, REDIS)) {
            processes.start(service).waitFor();
        }
        assertThat(home.log("broken-service")).content().contains("fake service failing at start-up");
        assertThat(home.logs().resolve("broken-service.log.1")).hasContent("previous run");
    }

    private static ServiceSpec service(String name, Optional<String> database, Map<String, String> env) {
        return new ServiceSpec(name, Path.of("fake.jar"), FreePorts.next(), database, 1, env);
    }

    private static String env(ServiceSpec service, String name) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(service.url() + "/env/" + name))
                .build();
        try (var client = HttpClient.newHttpClient()) {
            return client.send(request, BodyHandlers.ofString()).body();
        }
    }
}
