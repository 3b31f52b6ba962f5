package io.tabelogo.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

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
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
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
        Files.createDirectories(home.logs());
        // An empty jar whose manifest runs FakeService from the test classes, as "java -jar" runs a real service.
        Path testClasses = Path.of(FakeService.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        manifest.getMainAttributes()
                .put(Attributes.Name.CLASS_PATH, testClasses.toUri().toString());
        new JarOutputStream(Files.newOutputStream(root.resolve("fake.jar")), manifest).close();
    }

    @Test
    void startsServiceWithTheStacksSettingsWaitsForReadinessAndStopsIt() throws Exception {
        var service = service("fake-service", Optional.of("tabelogo_fake"), Map.of("EXTRA", "yes"));
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
