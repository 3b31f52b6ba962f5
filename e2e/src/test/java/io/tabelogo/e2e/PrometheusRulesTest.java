package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped Prometheus configuration, checked by the real {@code promtool} (Debian's {@code prometheus} package;
 * {@code .ci/run} installs it): the configuration and the rules load, and the rules' unit tests — each alert firing
 * on a synthetic failure and quiet on healthy series — pass.
 */
class PrometheusRulesTest {

    private static final Path PROMETHEUS = Path.of("..", "deploy", "observability", "prometheus");

    @Test
    void theConfigurationAndItsRulesLoad() throws Exception {
        assertPromtool("check", "config", "prometheus.yml");
        assertPromtool("check", "rules", "rules/tabelogo.yml");
    }

    @Test
    void everyAlertFiresOnItsFailureAndStaysQuietOnHealthySeries() throws Exception {
        assertPromtool("test", "rules", "tests/tabelogo-test.yml");
    }

    private static void assertPromtool(String... arguments) throws IOException, InterruptedException {
        Path promtool = Path.of("/usr/bin/promtool");
        assertThat(promtool)
                .as("promtool is missing: install Debian's prometheus package (.ci/run does)")
                .isExecutable();
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(PROMETHEUS.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + ":\n" + output)
                .isZero();
        assertThat(Files.isDirectory(PROMETHEUS)).isTrue();
    }
}
