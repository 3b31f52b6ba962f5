package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platformtest.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deploy smoke test ({@code deploy/smoke-test.mjs}, what a pipeline runs against an Ingress after a deploy),
 * run against the stack {@code ./tabelogo up --offline} starts, as a user starts it: the launcher script, its
 * supervisor, the packaged jars. The stack runs from a scratch copy of the checkout's entry points (its own
 * {@code .tabelogo/}, embedded PostgreSQL and a private Redis on free ports), so it touches no one's data; its
 * services take the launcher's fixed ports (gateway 8000), which must be free.
 */
class SmokeTestEndToEndTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path SMOKE_TEST = REPOSITORY.resolve("deploy/smoke-test.mjs");
    /** The launcher's own ports (devstack/src/main/resources/services.conf). */
    private static final List<Integer> STACK_PORTS = List.of(8000, 8001, 8080, 8081, 18082, 18084);

    @Test
    void theSmokeTestWalksTheUserJourneyOnTheStackTabelogoUpStarts() throws Exception {
        for (int port : STACK_PORTS) {
            assertThat(listening(port))
                    .as("port %d is taken: stop the stack running there (./tabelogo down) to run this test", port)
                    .isFalse();
        }
        Path checkout = scratchCheckout();
        Map<String, String> env = Map.of(
                // Nothing answers there: the stack starts its embedded PostgreSQL and private Redis.
                "TABELOGO_PG_PORT", String.valueOf(FreePorts.next()),
                "TABELOGO_REDIS_PORT", String.valueOf(FreePorts.next()),
                "TABELOGO_EMBEDDED_PG_PORT", String.valueOf(FreePorts.next()),
                "TABELOGO_EMBEDDED_REDIS_PORT", String.valueOf(FreePorts.next()));
        try {
            Run up = run(checkout, env, 300, "bash", "tabelogo", "up", "--offline");
            assertThat(up.exitCode()).as(up.output()).isZero();

            Run smoke = run(checkout, Map.of(), 240, "node", SMOKE_TEST.toString(), "http://127.0.0.1:8000");

            assertThat(smoke.exitCode()).as(smoke.output()).isZero();
            assertThat(smoke.output())
                    .contains("ok   3/9 an account logs in")
                    .contains("ok   7/9 a Tabelog scrape runs and the rating reaches the restaurant")
                    .contains("ok   9/9 logout ends the session")
                    .endsWith("smoke test passed\n");
        } finally {
            Run down = run(checkout, env, 120, "bash", "tabelogo", "down");
            assertThat(down.exitCode()).as(down.output()).isZero();
            delete(checkout);
        }
    }

    @Test
    void theSmokeTestFailsNamingTheStepAndSaysHowToCallIt() throws Exception {
        int nothing = FreePorts.next();
        Run unreachable = run(
                REPOSITORY, Map.of(), 60, "node", SMOKE_TEST.toString(), "http://127.0.0.1:" + nothing, "--wait", "2");
        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.output())
                .contains("FAIL 1/9 the platform answers: no answer from http://127.0.0.1:" + nothing + " within 2 s");

        Run usage = run(REPOSITORY, Map.of(), 60, "node", SMOKE_TEST.toString(), "--timeout", "ten");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.output())
                .contains("--timeout needs a number of seconds")
                .contains("usage:");
    }

    /**
     * A directory that is a checkout as far as ./tabelogo can tell: its launcher copied (the script finds its
     * checkout by its own real path), the JDK probe, the devstack and the services' jars linked.
     */
    private static Path scratchCheckout() throws IOException {
        Path checkout = Path.of("target", "smoke-stack").toAbsolutePath();
        delete(checkout);
        Files.createDirectories(checkout);
        Files.copy(REPOSITORY.resolve("tabelogo"), checkout.resolve("tabelogo"));
        for (String linked : List.of("bin", "devstack", "services")) {
            Files.createSymbolicLink(checkout.resolve(linked), REPOSITORY.resolve(linked));
        }
        return checkout;
    }

    private record Run(int exitCode, String output) {}

    private static Run run(Path directory, Map<String, String> env, int seconds, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Path log = Files.createTempFile("smoke-test", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertThat(finished)
                .as("%s did not finish within %d s:%n%s", List.of(command), seconds, output)
                .isTrue();
        return new Run(process.exitValue(), output);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** Deletes a directory tree without following its links (they point into the repository). */
    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.forEach(paths::add);
        }
        paths.sort(Comparator.reverseOrder());
        for (Path path : paths) {
            Files.delete(path);
        }
    }
}
