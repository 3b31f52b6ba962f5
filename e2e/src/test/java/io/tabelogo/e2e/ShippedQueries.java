package io.tabelogo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The queries the repository ships: the PromQL of the Prometheus rules and of the Grafana dashboards (panels and
 * template variables), and which metric names they use.
 */
final class ShippedQueries {

    static final Path OBSERVABILITY = Path.of("..", "deploy", "observability");
    static final Path RULES = OBSERVABILITY.resolve("prometheus").resolve("rules");
    static final Path DASHBOARDS = OBSERVABILITY.resolve("grafana").resolve("dashboards");

    /** One query of a dashboard: where it is, which data source type runs it, and its text. */
    record DashboardQuery(String dashboard, String panel, String datasourceType, String expr) {}

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*\\w+\\s*\\)");
    private static final Set<String> NOT_METRICS = Set.of(
            "up",
            "ALERTS",
            "and",
            "or",
            "unless",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "offset",
            "le",
            "Inf");

    private ShippedQueries() {}

    /** The PromQL of every {@code expr:} in the rule files, one-line or a {@code |} block. */
    static List<String> ruleExpressions() {
        List<String> expressions = new ArrayList<>();
        for (Path file : files(RULES, ".yml")) {
            List<String> lines = read(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int at = line.indexOf("expr:");
                if (at < 0) {
                    continue;
                }
                String rest = line.substring(at + "expr:".length()).strip();
                if (!rest.equals("|")) {
                    expressions.add(rest);
                    continue;
                }
                StringBuilder block = new StringBuilder();
                while (i + 1 < lines.size() && indentOf(lines.get(i + 1)) > at) {
                    block.append(lines.get(++i)).append('\n');
                }
                expressions.add(block.toString());
            }
        }
        return expressions;
    }

    /** The dashboard files. */
    static List<Path> dashboardFiles() {
        return files(DASHBOARDS, ".json");
    }

    static JsonNode dashboard(Path file) {
        return new ObjectMapper().readTree(file.toFile());
    }

    /**
     * Every panel target's query, every annotation's and every query variable's, with the type of the data source
     * that runs it.
     */
    static List<DashboardQuery> dashboardQueries() {
        List<DashboardQuery> queries = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = dashboard(file);
            String title = dashboard.path("title").asString();
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(new DashboardQuery(
                            title,
                            panel.path("title").asString(),
                            target.path("datasource").path("type").asString(),
                            target.path("expr").asString()));
                }
            }
            for (JsonNode annotation : dashboard.path("annotations").path("list")) {
                queries.add(new DashboardQuery(
                        title,
                        "annotation " + annotation.path("name").asString(),
                        annotation.path("datasource").path("type").asString(),
                        annotation.path("expr").asString()));
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if (variable.path("type").asString().equals("query")) {
                    queries.add(new DashboardQuery(
                            title,
                            "variable " + variable.path("name").asString(),
                            variable.path("datasource").path("type").asString(),
                            variable.path("definition").asString()));
                }
            }
        }
        return queries;
    }

    /**
     * The metric names in a PromQL expression: identifiers that are neither functions, keywords, grouping labels,
     * label matchers, Grafana variables nor recording rules (which have colons).
     */
    static Set<String> metricNames(String expression) {
        Matcher labelValues = LABEL_VALUES.matcher(expression);
        String bare = (labelValues.matches() ? labelValues.group(1) : expression)
                .replaceAll("\"[^\"]*\"", "") // strings
                .replaceAll("\\{[^}]*}", "") // label matchers
                .replaceAll("\\[[^]]*]", "") // ranges
                .replaceAll("\\$\\w+", "") // Grafana variables
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", ""); // grouping labels
        Set<String> names = new TreeSet<>();
        Matcher identifiers = IDENTIFIER.matcher(bare);
        while (identifiers.find()) {
            String name = identifiers.group();
            boolean function = bare.substring(identifiers.end()).stripLeading().startsWith("(");
            if (!function && !name.contains(":") && !NOT_METRICS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * A dashboard query as Prometheus' own API takes it: Grafana's variables replaced by what Grafana would put
     * there with every service selected.
     */
    static String forPrometheus(String expression) {
        return expression
                .replace("$__rate_interval", "1m")
                .replace("$__interval", "15s")
                .replace("$service", ".*");
    }

    private static List<Path> files(Path folder, String suffix) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indentOf(String line) {
        return line.isBlank()
                ? Integer.MAX_VALUE
                : line.length() - line.stripLeading().length();
    }
}
