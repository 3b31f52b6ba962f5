package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tabelogo.platformtest.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * A real Prometheus (Debian's package; {@code .ci/run} installs it) runs the shipped scrape configuration and rules
 * against the running services: only the targets' addresses are changed to where the test started them, and one
 * target is added where nothing listens, for the shipped ServiceDown alert to catch.
 */
class PrometheusEndToEndTest extends ThroughTheGateway {

    private static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final String STOPPED = "stopped-service";
    private static final int PORT = FreePorts.next();
    private static Process prometheus;

    @BeforeAll
    static void startPrometheus() throws IOException {
        assertThat(BINARY)
                .as("prometheus is missing: install Debian's prometheus package (.ci/run does)")
                .isExecutable();
        Path home = Path.of("target", "prometheus-" + UUID.randomUUID());
        Files.createDirectories(home);
        Files.writeString(home.resolve("prometheus.yml"), localConfiguration());
        prometheus = new ProcessBuilder(
                        BINARY.toString(),
                        "--config.file=" + home.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + home.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + PORT,
                        "--enable-feature=exemplar-storage") // as Compose runs it
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "prometheus.log").toFile())
                .start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> http.send(
                                        HttpRequest.newBuilder(prometheusUri("/-/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200);
    }

    @AfterAll
    static void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    @Test
    void everyServiceTargetIsUpAndTheRulesEvaluate() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode targets = api("/api/v1/targets?state=active").path("activeTargets");
            assertThat(targets).hasSize(PLATFORM.metricsPorts.size() + 1);
            for (JsonNode target : targets) {
                String service = target.path("labels").path("service").asString();
                assertThat(target.path("labels").path("instance").asString())
                        .as("instance relabelled to the service's name")
                        .isEqualTo(service);
                assertThat(target.path("health").asString())
                        .as(service + ": " + target.path("lastError").asString())
                        .isEqualTo(service.equals(STOPPED) ? "down" : "up");
            }
        });
        // The targets page can report a scrape a moment before its sample is queryable: wait for the series too.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> upServices = new ArrayList<>();
            query("up{job=\"tabelogo\"} == 1")
                    .forEach(series ->
                            upServices.add(series.path("metric").path("service").asString()));
            assertThat(upServices).containsExactlyInAnyOrderElementsOf(PLATFORM.metricsPorts.keySet());
        });

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    // Traffic through the gateway, on every try: a rate needs a counter that grows between two scrapes.
                    get("/api/v1/restaurants?q=ramen");
                    post(
                            "/api/v1/map/advance_search",
                            "application/json",
                            "{\"text_query\": \"soba\", \"max_result_count\": 2}");
                    for (JsonNode group : api("/api/v1/rules").path("groups")) {
                        for (JsonNode rule : group.path("rules")) {
                            assertThat(rule.path("health").asString())
                                    .as(rule.path("name").asString() + ": "
                                            + rule.path("lastError").asString())
                                    .isEqualTo("ok");
                        }
                    }
                    List<String> measured = new ArrayList<>();
                    query("service:http_requests:rate5m > 0")
                            .forEach(series -> measured.add(
                                    series.path("metric").path("service").asString()));
                    assertThat(measured)
                            .as("services with a request rate (recording rule)")
                            .containsAll(PLATFORM.metricsPorts.keySet());
                    // Latency buckets carry the trace id of a request they counted: Grafana's link from a graph to a
                    // trace.
                    long now = System.currentTimeMillis() / 1000;
                    JsonNode exemplars = api("/api/v1/query_exemplars?start=" + (now - 600) + "&end=" + (now + 60)
                            + "&query=" + encode("http_server_requests_seconds_bucket{service=\"gateway\"}"));
                    assertThat(exemplars.findValues("trace_id"))
                            .as("exemplars of the gateway's request histogram")
                            .isNotEmpty()
                            .allSatisfy(id -> assertThat(id.asString()).matches("[0-9a-f]{32}"));
                    JsonNode alerts = query("ALERTS{alertname=\"ServiceDown\"}");
                    assertThat(alerts).as("ServiceDown alerts").singleElement().satisfies(alert -> {
                        assertThat(alert.path("metric").path("instance").asString())
                                .isEqualTo(STOPPED);
                        assertThat(alert.path("metric").path("alertstate").asString())
                                .as("pending for its 1 minute, then firing")
                                .isIn("pending", "firing");
                    });
                });
    }

    /**
     * The canary analysis of the Helm chart (rollouts.analysis in its values.yaml, rendered into its AnalysisTemplate)
     * gives one number for every service on a Prometheus with the shipped rules: what Argo Rollouts then compares.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyCanaryAnalysisQueryGivesOneNumberForEveryService() throws IOException {
        Map<String, Object> values =
                new Yaml().load(Files.readString(Path.of("..", "deploy", "helm", "tabelogo", "values.yaml")));
        List<Map<String, Object>> metrics = (List<Map<String, Object>>)
                ((Map<String, Object>) ((Map<String, Object>) values.get("rollouts")).get("analysis")).get("metrics");
        assertThat(metrics).hasSize(3);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    get("/api/v1/restaurants?q=udon"); // traffic, so the rates have samples
                    for (String service : PLATFORM.metricsPorts.keySet()) {
                        for (Map<String, Object> metric : metrics) {
                            String promql = ((String) metric.get("query")).replace("{{args.service}}", service);
                            JsonNode result = query(promql);
                            assertThat(result).as(service + ": " + promql).hasSize(1);
                            assertThat(Double.parseDouble(
                                            result.get(0).path("value").get(1).asString()))
                                    .as(service + ": " + promql)
                                    .isFinite()
                                    .isNotNegative();
                        }
                        // The latency has samples of its own (not the "no traffic" 0) once the service answered.
                        assertThat(query("service:http_latency_seconds:p95_5m{service=\"" + service + "\"} >= 0"))
                                .as(service)
                                .hasSize(1);
                    }
                });
    }

    @Test
    void everyDashboardQueryRunsOnPrometheus() {
        List<ShippedQueries.DashboardQuery> queries = ShippedQueries.dashboardQueries().stream()
                .filter(query -> query.datasourceType().equals("prometheus")
                        && !query.panel().startsWith("variable "))
                .toList();
        assertThat(queries).hasSizeGreaterThan(50);
        for (ShippedQueries.DashboardQuery query : queries) {
            JsonNode answer =
                    fetch(prometheusUri("/api/v1/query?query=" + encode(ShippedQueries.forPrometheus(query.expr()))));
            assertThat(answer.path("status").asString())
                    .as(query.dashboard() + " / " + query.panel() + ": " + query.expr() + " → " + answer)
                    .isEqualTo("success");
        }
    }

    /** The shipped prometheus.yml, scraping where the test started each service, every second. */
    @SuppressWarnings("unchecked")
    private static String localConfiguration() throws IOException {
        Path shipped = ShippedQueries.OBSERVABILITY.resolve("prometheus");
        Map<String, Object> config = new Yaml().load(Files.readString(shipped.resolve("prometheus.yml")));
        config.put("global", Map.of("scrape_interval", "1s", "evaluation_interval", "1s"));
        config.put(
                "rule_files", List.of(shipped.resolve("rules").toAbsolutePath().normalize() + "/*.yml"));
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
        assertThat(jobs).hasSize(1);
        List<Map<String, Object>> groups =
                (List<Map<String, Object>>) jobs.get(0).get("static_configs");
        List<String> services = new ArrayList<>();
        for (Map<String, Object> group : groups) {
            String service = ((Map<String, String>) group.get("labels")).get("service");
            services.add(service);
            group.put("targets", List.of("127.0.0.1:" + PLATFORM.metricsPorts.get(service)));
        }
        assertThat(services)
                .as("the shipped configuration scrapes every service")
                .containsExactlyInAnyOrderElementsOf(PLATFORM.metricsPorts.keySet());
        groups.add(Map.of("targets", List.of("127.0.0.1:" + FreePorts.next()), "labels", Map.of("service", STOPPED)));
        return new Yaml().dump(config);
    }

    private JsonNode query(String promql) {
        JsonNode answer = fetch(prometheusUri("/api/v1/query?query=" + encode(promql)));
        assertThat(answer.path("status").asString()).as(promql + " → " + answer).isEqualTo("success");
        return answer.path("data").path("result");
    }

    private JsonNode api(String path) {
        JsonNode answer = fetch(prometheusUri(path));
        assertThat(answer.path("status").asString()).as(answer.toString()).isEqualTo("success");
        return answer.path("data");
    }

    private JsonNode fetch(URI uri) {
        return json(send(HttpRequest.newBuilder(uri).build()));
    }

    private static URI prometheusUri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + PORT + pathAndQuery);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
