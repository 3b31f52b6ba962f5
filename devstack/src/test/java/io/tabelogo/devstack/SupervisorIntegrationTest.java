package io.tabelogo.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tabelogo.devstack.StateFile.Phase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Supervisors as real processes in a checkout of their own (a temporary directory), with embedded PostgreSQL and a
 * private Redis on free ports and one fake service; status and down run in this JVM, as the CLI would.
 */
class SupervisorIntegrationTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path root;

    private StackHome home;
    private ServiceSpec fakeService;
    private Map<String, String> freePorts;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void writeCheckoutWithAFakeService() throws Exception {
        home = new StackHome(root);
        FakeService.writeJar(root.resolve("fake.jar"));
        fakeService =
                new ServiceSpec("fake-service", Path.of("fake.jar"), FreePorts.next(), Optional.empty(), 1, Map.of());
        Path registry = root.resolve(ServiceRegistry.CHECKOUT_FILE);
        Files.createDirectories(registry.getParent());
        Files.writeString(registry, "fake-service jar=fake.jar port=%d redis-db=1%n".formatted(fakeService.port()));
        // Nothing answers on the "local" ports, so the machine's PostgreSQL and Redis are never used.
        freePorts = Map.of(
                "TABELOGO_PG_PORT", String.valueOf(FreePorts.next()),
                "TABELOGO_EMBEDDED_PG_PORT", String.valueOf(FreePorts.next()),
                "TABELOGO_REDIS_PORT", String.valueOf(FreePorts.next()),
                "TABELOGO_EMBEDDED_REDIS_PORT", String.valueOf(FreePorts.next()));
    }

    @AfterEach
    void stopWhatATestLeftRunning() throws Exception {
        try {
            cli("down");
        } finally {
            // Should down itself fail, nothing may outlive the test all the same.
            started.forEach(Process::destroyForcibly);
            StateFile.read(home.stateFile())
                    .ifPresent(state -> Stream.of(
                                    StateFile.serviceRole("fake-service"), StateFile.POSTGRES, StateFile.REDIS)
                            .flatMap(role -> state.process(role).flatMap(ProcessIdentity::find).stream())
                            .forEach(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void supervisorStartsDespiteAStalePidFileAndASecondOneLeavesItAlone() throws Exception {
        // The pid file of a supervisor that died, its pid since reused by an unrelated program.
        Process unrelated = start(new ProcessBuilder("sleep", "60"));
        home.createDirectories();
        Files.writeString(home.pidFile(), unrelated.pid() + "\n");

        assertThat(cli("status")).isEqualTo(new Cli(3, "Tabelogo devstack: not running\n"));
        assertThat(cli("down")).isEqualTo(new Cli(0, "Tabelogo devstack is not running.\n"));
        assertThat(unrelated.isAlive()).isTrue();

        Process first = supervise("first");
        awaitReady(first, "first");
        ProcessIdentity firstIdentity = ProcessIdentity.of(first.toHandle()).orElseThrow();
        assertThat(home.supervisorIdentity()).contains(firstIdentity);

        // As with two `up` at once: the second supervisor finds the lock taken and leaves without touching a thing.
        Process second = supervise("second");
        assertThat(second.waitFor(30, SECONDS)).isTrue();
        assertThat(second.exitValue()).isEqualTo(Supervisor.ALREADY_RUNNING);
        assertThat(log("second")).contains("Another supervisor already runs this checkout's devstack");
        assertThat(home.supervisorIdentity()).contains(firstIdentity);
        assertThat(StateFile.read(home.stateFile()).map(StateFile::phase)).contains(Phase.READY);
        Cli status = cli("status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.output())
                .contains("Tabelogo devstack: running (supervisor pid " + first.pid())
                .containsPattern("fake-service +%d +\\d+ +UP".formatted(fakeService.port()));

        Cli down = cli("down");
        assertThat(down.exitCode()).isZero();
        assertThat(down.output()).contains("Stopped in");
        assertThat(first.isAlive()).isFalse();
        assertThat(first.exitValue()).isZero();
        assertThat(home.pidFile()).doesNotExist();
        assertThat(Readiness.isReady(fakeService)).isFalse();
        assertThat(unrelated.isAlive()).isTrue();
    }

    @Test
    void downStopsWhatAKilledSupervisorLeftRunning() throws Exception {
        Process supervisor = supervise("killed");
        awaitReady(supervisor, "killed");
        StateFile state = StateFile.read(home.stateFile()).orElseThrow();
        List<ProcessIdentity> leftovers = Stream.of(
                        StateFile.serviceRole("fake-service"), StateFile.POSTGRES, StateFile.REDIS)
                .map(role -> state.process(role).orElseThrow())
                .toList();

        supervisor.destroyForcibly().waitFor();

        assertThat(leftovers).allMatch(leftover -> leftover.find().isPresent());
        Cli status = cli("status");
        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(status.output())
                .contains("left running by a killed supervisor: fake-service (pid "
                        + leftovers.get(0).pid());
        Cli down = cli("down");
        assertThat(down.exitCode()).isZero();
        assertThat(down.output())
                .isEqualTo(
                        "Stopping what an earlier supervisor left running: fake-service (pid %d), PostgreSQL (pid %d),"
                                        .formatted(
                                                leftovers.get(0).pid(),
                                                leftovers.get(1).pid())
                                + " redis-server (pid %d)%nStopped.%n"
                                        .formatted(leftovers.get(2).pid()));
        assertThat(leftovers).allMatch(leftover -> leftover.find().isEmpty());
        // pg_ctl stopped it cleanly, so the next start finds the data directory free.
        assertThat(home.postgresData().resolve("postmaster.pid")).doesNotExist();
        assertThat(cli("down")).isEqualTo(new Cli(0, "Tabelogo devstack is not running.\n"));
    }

    @Test
    void aServiceThatExitsWhileTheStackRunsIsStartedAgain() throws Exception {
        Process supervisor = supervise("restarts");
        awaitReady(supervisor, "restarts");
        String role = StateFile.serviceRole("fake-service");
        ProcessIdentity first =
                StateFile.read(home.stateFile()).orElseThrow().process(role).orElseThrow();

        first.find().orElseThrow().destroyForcibly(); // a crash

        Instant deadline = Instant.now().plus(START_TIMEOUT);
        Optional<ProcessIdentity> next = Optional.of(first);
        while (next.equals(Optional.of(first)) || !Readiness.isReady(fakeService)) {
            if (Instant.now().isAfter(deadline)) {
                fail("fake-service was not started again:%n%s", log("restarts"));
            }
            Thread.sleep(200);
            next = StateFile.read(home.stateFile()).orElseThrow().process(role);
        }
        assertThat(next.orElseThrow().pid()).isNotEqualTo(first.pid());
        assertThat(log("restarts")).contains("fake-service (pid " + first.pid() + ") exited", "starting it again");

        // A stop is no crash: down stops it for good.
        assertThat(cli("down").exitCode()).isZero();
        assertThat(next.orElseThrow().find()).isEmpty();
        assertThat(Readiness.isReady(fakeService)).isFalse();
    }

    /** What a CLI command returned and printed. */
    private record Cli(int exitCode, String output) {}

    private Cli cli(String command) throws Exception {
        var output = new ByteArrayOutputStream();
        int exitCode = new DevStack(home, new PrintStream(output, true, UTF_8)).run(List.of(command));
        return new Cli(exitCode, output.toString(UTF_8));
    }

    /** Runs {@code DevStack supervise} as up would, but from the test class path (up needs the packaged jar). */
    private Process supervise(String name) throws Exception {
        var builder = new ProcessBuilder(
                        Executables.currentJava().toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        DevStack.class.getName(),
                        "supervise")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(root.resolve(name + "-supervisor.log").toFile());
        builder.environment().putAll(freePorts);
        return start(builder);
    }

    private Process start(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private String log(String supervisor) throws Exception {
        return Files.readString(root.resolve(supervisor + "-supervisor.log"));
    }

    private void awaitReady(Process supervisor, String name) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (StateFile.read(home.stateFile()).map(StateFile::phase).orElse(Phase.STARTING) != Phase.READY) {
            if (!supervisor.isAlive() || Instant.now().isAfter(deadline)) {
                fail("the supervisor did not get ready:%n%s", log(name));
            }
            Thread.sleep(100);
        }
    }
}
