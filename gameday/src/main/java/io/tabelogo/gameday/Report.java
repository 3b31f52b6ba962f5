package io.tabelogo.gameday;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A game day's report in a directory of its own: {@code report.md} (per experiment: the hypothesis, the fault, the
 * figures before, during and after, each check passed or failed, and a chart), {@code report.json} (the same data),
 * and one PNG per experiment: latency percentiles and error rate second by second, the fault's window shaded.
 */
final class Report {

    private Report() {}

    static Path write(Path directory, String target, Instant started, List<Result> results) throws IOException {
        Files.createDirectories(directory);
        for (Result result : results) {
            if (!result.seconds().isEmpty()) {
                BitmapEncoder.saveBitmap(
                        chart(result), directory.resolve(result.name()).toString(), BitmapEncoder.BitmapFormat.PNG);
            }
        }
        Files.writeString(directory.resolve("report.json"), json(target, started, results));
        Path markdown = directory.resolve("report.md");
        Files.writeString(markdown, markdown(target, started, results));
        return markdown;
    }

    private static String markdown(String target, Instant started, List<Result> results) {
        StringBuilder md = new StringBuilder();
        long passed = results.stream().filter(Result::passed).count();
        md.append("# Game day ").append(started).append("\n\n");
        md.append("Against ")
                .append(target)
                .append(": **")
                .append(passed)
                .append(" of ")
                .append(results.size())
                .append(" experiments passed**.\n\n");
        md.append("| experiment | outcome |\n| --- | --- |\n");
        for (Result result : results) {
            md.append("| ")
                    .append(result.title())
                    .append(" | ")
                    .append(result.passed() ? "PASS" : "**FAIL**")
                    .append(" |\n");
        }
        for (Result result : results) {
            md.append("\n## ")
                    .append(result.title())
                    .append(": ")
                    .append(result.passed() ? "PASS" : "FAIL")
                    .append("\n\n");
            md.append("**Hypothesis.** ").append(result.hypothesis()).append("\n\n");
            md.append("**Fault.** ").append(result.fault()).append("\n\n");
            if (result.error() != null) {
                md.append("**The experiment could not complete:** `")
                        .append(result.error())
                        .append("`\n\n");
            }
            md.append("| phase | requests | p50 | p95 | p99 | error rate |\n| --- | --- | --- | --- | --- | --- |\n");
            row(md, "before", result.before());
            row(md, "during the fault", result.during());
            row(md, "after", result.after());
            md.append("\n| check | expected | measured | |\n| --- | --- | --- | --- |\n");
            for (Check check : result.checks()) {
                md.append("| ")
                        .append(check.what())
                        .append(" | ")
                        .append(check.expected())
                        .append(" | ")
                        .append(check.measured())
                        .append(" | ")
                        .append(check.passed() ? "pass" : "**fail**")
                        .append(" |\n");
            }
            if (!result.seconds().isEmpty()) {
                md.append("\n![")
                        .append(result.title())
                        .append("](")
                        .append(result.name())
                        .append(".png)\n");
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String phase, Timeline.Figures figures) {
        md.append("| ")
                .append(phase)
                .append(" | ")
                .append(figures.requests())
                .append(" | ")
                .append(Check.format(figures.p50Ms()))
                .append(" ms | ")
                .append(Check.format(figures.p95Ms()))
                .append(" ms | ")
                .append(Check.format(figures.p99Ms()))
                .append(" ms | ")
                .append(String.format("%.1f %%", figures.errorRate() * 100))
                .append(" |\n");
    }

    private static String json(String target, Instant started, List<Result> results) {
        ObjectNode report =
                ChaosApi.JSON.createObjectNode().put("target", target).put("started_at", started.toString());
        ArrayNode experiments = report.putArray("experiments");
        for (Result result : results) {
            ObjectNode experiment = experiments
                    .addObject()
                    .put("name", result.name())
                    .put("title", result.title())
                    .put("hypothesis", result.hypothesis())
                    .put("fault", result.fault())
                    .put("passed", result.passed())
                    .put("fault_from_ms", result.faultFromMs())
                    .put("fault_to_ms", result.faultToMs());
            if (result.error() != null) {
                experiment.put("error", result.error());
            }
            experiment.set("before", ChaosApi.JSON.valueToTree(result.before()));
            experiment.set("during", ChaosApi.JSON.valueToTree(result.during()));
            experiment.set("after", ChaosApi.JSON.valueToTree(result.after()));
            experiment.set("checks", ChaosApi.JSON.valueToTree(result.checks()));
            experiment.set("seconds", ChaosApi.JSON.valueToTree(result.seconds()));
        }
        return ChaosApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report);
    }

    /** Latency percentiles (left axis, ms) and error rate (right axis, %) by second; the fault's window shaded. */
    static XYChart chart(Result result) {
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(420)
                .title(result.title())
                .xAxisTitle("seconds")
                .yAxisTitle("latency (ms)")
                .build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        List<Double> x = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p95 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        double highest = 1;
        for (Timeline.Second second : result.seconds()) {
            x.add((double) second.second());
            p50.add(second.figures().p50Ms());
            p95.add(second.figures().p95Ms());
            p99.add(second.figures().p99Ms());
            errors.add(second.figures().errorRate() * 100);
            highest = Math.max(highest, second.figures().p99Ms());
        }
        // The fault's window: an area as high as the highest latency, behind the lines.
        double from = result.faultFromMs() / 1000.0;
        double to = result.faultToMs() / 1000.0;
        XYSeries window = chart.addSeries("fault", List.of(from, from, to, to), List.of(0.0, highest, highest, 0.0));
        window.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        window.setFillColor(new Color(255, 0, 0, 40));
        window.setLineColor(new Color(255, 0, 0, 0));
        window.setMarker(SeriesMarkers.NONE);
        line(chart, "p50", x, p50, new Color(40, 120, 200), 0);
        line(chart, "p95", x, p95, new Color(230, 140, 20), 0);
        line(chart, "p99", x, p99, new Color(200, 40, 40), 0);
        line(chart, "error rate (%)", x, errors, Color.DARK_GRAY, 1);
        chart.setYAxisGroupTitle(1, "error rate (%)");
        return chart;
    }

    private static void line(XYChart chart, String name, List<Double> x, List<Double> y, Color color, int axis) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineColor(color);
        series.setMarker(SeriesMarkers.NONE);
        series.setYAxisGroup(axis);
    }
}
