package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every metric an alert or recording rule uses exists in the /metrics output of a running service: the first
 * Tabelogo shipped a dashboard whose metrics did not exist; here that fails the build.
 */
class MetricNamesEndToEndTest extends ThroughTheGateway {

    private static final Path RULES = Path.of("..", "deploy", "observability", "prometheus", "rules");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_:]*");
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

    @Test
    void everyMetricTheRulesUseIsPublishedByAService() throws Exception {
        // Traffic of each kind the rules look at, so the request histograms have series.
        get("/api/v1/restaurants?q=ramen");
        get("/api/v1/me/favorites");
        Set<String> published = new TreeSet<>();
        for (int port : PLATFORM.metricsPorts.values()) {
            String body = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .build())
                    .body();
            body.lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0])
                    .forEach(published::add);
        }

        Set<String> used = new TreeSet<>();
        try (var files = Files.list(RULES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                for (String expression : expressions(Files.readAllLines(file))) {
                    used.addAll(metricNames(expression));
                }
            }
        }

        assertThat(used) // names in every position: bare, with a selector, with a range
                .as("metric names found in the rules")
                .contains(
                        "spider_job_queue_length",
                        "resilience4j_circuitbreaker_state",
                        "http_server_requests_seconds_count");
        assertThat(published).containsAll(used);
    }

    /** The PromQL of every {@code expr:}, one-line or a {@code |} block. */
    private static java.util.List<String> expressions(java.util.List<String> lines) {
        java.util.List<String> expressions = new java.util.ArrayList<>();
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
            int indent = at;
            while (i + 1 < lines.size() && indentOf(lines.get(i + 1)) > indent) {
                block.append(lines.get(++i)).append('\n');
            }
            expressions.add(block.toString());
        }
        return expressions;
    }

    /** Names that are neither functions, keywords, label names nor recording rules (which have colons). */
    private static Set<String> metricNames(String expression) {
        String bare = expression
                .replaceAll("\"[^\"]*\"", "") // strings
                .replaceAll("\\{[^}]*}", "") // label matchers
                .replaceAll("\\[[^]]*]", "") // ranges
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

    private static int indentOf(String line) {
        return line.isBlank()
                ? Integer.MAX_VALUE
                : line.length() - line.stripLeading().length();
    }
}
