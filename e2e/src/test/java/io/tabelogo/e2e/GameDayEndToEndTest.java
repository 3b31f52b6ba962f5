package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The game day's short form, as the launcher plays it ({@code ./tabelogo gameday --short}), against the running
 * platform: every experiment passes on its stated numbers, and the report (Markdown, JSON, a chart each) is written.
 */
@Order(Integer.MAX_VALUE) // last: its load fills the shared platform's caches (junit-platform.properties)
class GameDayEndToEndTest extends ThroughTheGateway {

    private static final List<String> EXPERIMENTS = List.of(
            "cache-penetration",
            "redis-gone",
            "hot-key",
            "slow-sql",
            "pool-exhaustion",
            "map-down",
            "tabelog-throttling",
            "spider-restart",
            "gateway-breaker");

    @Test
    void everyExperimentHoldsAndTheReportSaysSo() throws Exception {
        Path reports = Path.of("target", "gameday").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("bash", "tabelogo", "gameday", "--short"));
        command.addAll(EXPERIMENTS);
        ProcessBuilder launcher =
                new ProcessBuilder(command).directory(Path.of("..").toFile()).redirectErrorStream(true);
        launcher.environment().put("TABELOGO_CHAOS_URL", "http://127.0.0.1:" + PLATFORM.gatewayPort);
        launcher.environment().put("TABELOGO_ADMIN_EMAIL", PLATFORM.adminEmail);
        launcher.environment().put("TABELOGO_ADMIN_PASSWORD", PLATFORM.adminPassword);
        launcher.environment().put("TABELOGO_GAMEDAY_REPORTS", reports.toString());
        launcher.environment()
                .put(
                        "TABELOGO_GAMEDAY_METRICS",
                        PLATFORM.metricsPorts.entrySet().stream()
                                .map(service ->
                                        service.getKey() + "=http://127.0.0.1:" + service.getValue() + "/metrics")
                                .collect(Collectors.joining(",")));
        Process gameDay = launcher.start();
        String output = new String(gameDay.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gameDay.waitFor(8, TimeUnit.MINUTES)).as(output).isTrue();

        assertThat(gameDay.exitValue()).as(output).isZero();
        for (String experiment : EXPERIMENTS) {
            assertThat(output).contains(experiment + ": PASS");
        }

        Path report;
        try (Stream<Path> runs = Files.list(reports)) {
            report = runs.max(Path::compareTo).orElseThrow();
        }
        String markdown = Files.readString(report.resolve("report.md"));
        assertThat(markdown)
                .contains(
                        "**" + EXPERIMENTS.size() + " of " + EXPERIMENTS.size() + " experiments passed**",
                        "**Hypothesis.**",
                        "| during the fault |");
        JsonNode json =
                new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertThat(json.get("experiments")).hasSize(EXPERIMENTS.size()).allSatisfy(experiment -> {
            assertThat(experiment.get("passed").asBoolean()).isTrue();
            assertThat(experiment.get("fault_to_ms").asLong())
                    .isGreaterThan(experiment.get("fault_from_ms").asLong());
            assertThat(experiment.get("seconds").size()).isGreaterThan(10);
        });
        for (String experiment : EXPERIMENTS) {
            BufferedImage chart =
                    ImageIO.read(report.resolve(experiment + ".png").toFile());
            assertThat(chart.getWidth()).isEqualTo(900);
        }
    }
}
