package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The Gatling simulation of the user journey (load/), in a JVM of its own as a user runs it, against the running
 * platform for a short while: its assertions (p95, p99, failed requests) hold, and its HTML report is written.
 */
@Order(Integer.MAX_VALUE - 1) // near the end: its load fills the shared platform's caches (junit-platform.properties)
class LoadTestEndToEndTest extends ThroughTheGateway {

    private static final Path LOAD = Path.of("..", "load", "target");

    @Test
    void theUserJourneyUnderLoadHoldsItsAssertions() throws Exception {
        Path classpath = LOAD.resolve("gatling.classpath");
        assertThat(classpath)
                .as("run the reactor (./mvnw verify), which builds load/ first")
                .exists();
        Path results = Path.of("target", "gatling").toAbsolutePath();
        ProcessBuilder gatling = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        // What Gatling's launcher gives its JVM on a recent JDK.
                        "--add-opens=java.base/java.lang=ALL-UNNAMED",
                        "--enable-native-access=ALL-UNNAMED",
                        "--sun-misc-unsafe-memory-access=allow",
                        "-Dtabelogo.baseUrl=http://127.0.0.1:" + PLATFORM.gatewayPort,
                        "-Dtabelogo.load.visitorsPerSecond=4",
                        "-Dtabelogo.load.durationSeconds=20",
                        // A machine shared with the whole build: the bounds of a smoke test, not of a benchmark.
                        "-Dtabelogo.load.p95Ms=1500",
                        "-Dtabelogo.load.p99Ms=4000",
                        "-cp",
                        LOAD.resolve("classes").toAbsolutePath() + ":"
                                + Files.readString(classpath).strip(),
                        "io.gatling.app.Gatling",
                        "-s",
                        "io.tabelogo.load.UserJourneySimulation",
                        "-rf",
                        results.toString()))
                .redirectErrorStream(true);
        Process run = gatling.start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(3, TimeUnit.MINUTES)).as(output).isTrue();

        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("Global: 95th percentile of response time is less than 1500.0 : true")
                .contains("Global: percentage of failed events is less than 1.0 : true")
                .contains("> browse restaurants")
                .contains("> save favourite");
        Path report;
        try (Stream<Path> runs = Files.list(results)) {
            report = runs.max(Path::compareTo).orElseThrow();
        }
        assertThat(report.resolve("index.html")).isNotEmptyFile();
    }
}
