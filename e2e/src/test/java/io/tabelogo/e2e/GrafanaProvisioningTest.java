package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * Grafana cannot run here, so its provisioning is checked as Grafana reads it: the data sources with fixed uids and
 * the links between them (log line → trace, span → logs, exemplar → trace), the dashboard provider reading the folder
 * Compose mounts, and each dashboard a valid dashboard whose every panel and query names a provisioned data source.
 */
class GrafanaProvisioningTest {

    private static final Path GRAFANA = ShippedQueries.OBSERVABILITY.resolve("grafana");
    private static final Set<String> PANEL_TYPES = Set.of("row", "timeseries", "stat", "table", "logs", "gauge");

    @Test
    @SuppressWarnings("unchecked")
    void theDataSourcesHaveFixedUidsAndLinkEachOther() throws IOException {
        Map<String, Map<String, Object>> sources = dataSources();
        assertThat(sources).containsOnlyKeys("prometheus", "loki", "jaeger");
        assertThat(sources.get("prometheus"))
                .containsEntry("type", "prometheus")
                .containsEntry("isDefault", true);
        assertThat(sources.get("loki")).containsEntry("type", "loki");
        assertThat(sources.get("jaeger")).containsEntry("type", "jaeger");
        Map<String, Map<String, Object>> containers = ComposeFile.containers();
        sources.forEach((uid, source) -> {
            String[] hostAndPort =
                    ((String) source.get("url")).replaceFirst("^http://", "").split(":");
            assertThat(containers).as(uid + " is a container of the deployment").containsKey(hostAndPort[0]);
            assertThat((List<String>) containers.get(hostAndPort[0]).get("ports"))
                    .as(uid + ": the container listens on " + hostAndPort[1])
                    .anySatisfy(mapping -> assertThat(mapping).endsWith(":" + hostAndPort[1]));
        });

        // A log line's trace id opens the trace in Jaeger.
        Map<String, Object> derived = ((List<Map<String, Object>>)
                        ((Map<String, Object>) sources.get("loki").get("jsonData")).get("derivedFields"))
                .getFirst();
        assertThat(derived).containsEntry("datasourceUid", "jaeger").containsEntry("url", "$${__value.raw}");
        Matcher match = Pattern.compile((String) derived.get("matcherRegex"))
                .matcher("{\"message\":\"GET /api/v1/restaurants 200 22ms\",\"trace_id\":"
                        + "\"5015a4844e0bf31f032d4081d2f4b4f3\",\"span_id\":\"246ff122c515ebd6\"}");
        assertThat(match.find()).isTrue();
        assertThat(match.group(1)).isEqualTo("5015a4844e0bf31f032d4081d2f4b4f3");

        // A span opens the log lines of its trace in Loki (LogQlQueriesTest parses the query).
        Map<String, Object> toLogs = tracesToLogs(sources);
        assertThat(toLogs).containsEntry("datasourceUid", "loki").containsEntry("customQuery", true);
        assertThat((String) toLogs.get("query"))
                .contains("{container=~\"tabelogo-.+\"}")
                .contains("trace_id=\"$${__span.traceId}\"");

        // An exemplar on a latency histogram opens its trace.
        assertThat((List<Map<String, Object>>)
                        ((Map<String, Object>) sources.get("prometheus").get("jsonData"))
                                .get("exemplarTraceIdDestinations"))
                .singleElement()
                .satisfies(destination -> assertThat(destination).containsEntry("datasourceUid", "jaeger"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaReadsTheDashboardsFolderComposeMountsAndKeepsStrangersOut() throws IOException {
        Map<String, Object> provider = ((List<Map<String, Object>>) new Yaml()
                        .<Map<String, Object>>load(
                                Files.readString(GRAFANA.resolve("provisioning/dashboards/dashboards.yml")))
                        .get("providers"))
                .getFirst();
        String path = (String) ((Map<String, Object>) provider.get("options")).get("path");

        Map<String, Object> grafana = ComposeFile.services().get("grafana");
        List<String> volumes = (List<String>) grafana.get("volumes");
        assertThat(volumes)
                .contains("../observability/grafana/dashboards:" + path + ":ro")
                .contains("../observability/grafana/provisioning:/etc/grafana/provisioning:ro");
        Map<String, Object> environment = (Map<String, Object>) grafana.get("environment");
        assertThat(environment)
                .containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false")
                .containsEntry("GF_SECURITY_ADMIN_PASSWORD", "${GRAFANA_ADMIN_PASSWORD:?set GRAFANA_ADMIN_PASSWORD}");
        String home = (String) environment.get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        assertThat(GRAFANA.resolve("dashboards").resolve(Path.of(home).getFileName()))
                .isRegularFile();
        assertThat(home).startsWith(path + "/");
        assertThat((List<String>) grafana.get("ports")).containsExactly("3001:3000");
    }

    @Test
    void everyDashboardIsAValidDashboardOnProvisionedDataSources() throws IOException {
        Map<String, Map<String, Object>> sources = dataSources();
        Set<String> uids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        List<Path> files = ShippedQueries.dashboardFiles();
        for (Path file : files) {
            JsonNode dashboard = ShippedQueries.dashboard(file);
            String name = file.getFileName().toString();
            String uid = dashboard.path("uid").asString("");
            assertThat(uid).as(name + " uid").matches("[a-z0-9-]{1,40}");
            assertThat(uids.add(uid)).as(name + ": uid " + uid + " used twice").isTrue();
            assertThat(titles.add(dashboard.path("title").asString("")))
                    .as(name + " title")
                    .isTrue();
            assertThat(dashboard.path("title").asString("")).as(name).startsWith("Tabelogo / ");
            assertThat(dashboard.path("schemaVersion").asInt()).as(name).isGreaterThanOrEqualTo(36);
            assertThat(dashboard.path("panels").isArray()
                            && !dashboard.path("panels").isEmpty())
                    .as(name + " has panels")
                    .isTrue();

            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : dashboard.path("panels")) {
                String where = name + " / " + panel.path("title").asString();
                assertThat(ids.add(panel.path("id").asInt())).as(where + ": id").isTrue();
                assertThat(panel.path("type").asString()).as(where).isIn(PANEL_TYPES);
                JsonNode grid = panel.path("gridPos");
                assertThat(grid.path("w").asInt()).as(where + " width").isBetween(1, 24);
                assertThat(grid.path("x").asInt() + grid.path("w").asInt())
                        .as(where + " fits")
                        .isLessThanOrEqualTo(24);
                assertThat(grid.path("h").asInt()).as(where + " height").isPositive();
                if (panel.path("type").asString().equals("row")) {
                    continue;
                }
                assertDataSource(sources, panel.path("datasource"), where);
                assertThat(panel.path("targets").isEmpty())
                        .as(where + " has queries")
                        .isFalse();
                Set<String> refIds = new HashSet<>();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(refIds.add(target.path("refId").asString("")))
                            .as(where + " refId")
                            .isTrue();
                    assertThat(target.path("expr").asString(""))
                            .as(where + " query")
                            .isNotBlank();
                    assertDataSource(sources, target.path("datasource"), where);
                }
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                assertDataSource(sources, variable.path("datasource"), name + " variable " + variable.path("name"));
            }
        }
        assertThat(titles)
                .containsExactlyInAnyOrder(
                        "Tabelogo / Services Overview",
                        "Tabelogo / Auth",
                        "Tabelogo / Restaurant Cache",
                        "Tabelogo / Map",
                        "Tabelogo / Spider",
                        "Tabelogo / Database",
                        "Tabelogo / Logs Overview");
    }

    @Test
    void latencyGraphsAskForExemplarsSoAPointOpensItsTrace() {
        int latencyQueries = 0;
        for (Path file : ShippedQueries.dashboardFiles()) {
            for (JsonNode panel : ShippedQueries.dashboard(file).path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    if (panel.path("type").asString().equals("timeseries")
                            && target.path("expr").asString().contains("histogram_quantile")) {
                        assertThat(target.path("exemplar").asBoolean(false))
                                .as(file.getFileName() + " / "
                                        + panel.path("title").asString())
                                .isTrue();
                        latencyQueries++;
                    }
                }
            }
        }
        assertThat(latencyQueries).isGreaterThanOrEqualTo(5);
    }

    /** Jaeger's link from a span to the log lines of its trace. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> tracesToLogs(Map<String, Map<String, Object>> sources) {
        return (Map<String, Object>)
                ((Map<String, Object>) sources.get("jaeger").get("jsonData")).get("tracesToLogsV2");
    }

    @Test
    void theLogsDashboardQueriesOnlyTabelogoContainers() {
        List<ShippedQueries.DashboardQuery> logQueries = ShippedQueries.dashboardQueries().stream()
                .filter(query -> query.datasourceType().equals("loki"))
                .toList();
        assertThat(logQueries)
                .isNotEmpty()
                .allSatisfy(query -> assertThat(query.expr()).as(query.panel()).contains("container=~\"tabelogo-.*\""));
        assertThat(logQueries)
                .filteredOn(query -> query.panel().equals("Errors"))
                .singleElement()
                .satisfies(query -> assertThat(query.expr()).contains("|~ \"(?i)error|panic|fatal\""));
    }

    private static void assertDataSource(Map<String, Map<String, Object>> sources, JsonNode reference, String where) {
        String uid = reference.path("uid").asString("");
        assertThat(sources).as(where + " uses data source " + uid).containsKey(uid);
        assertThat(reference.path("type").asString(""))
                .as(where)
                .isEqualTo(sources.get(uid).get("type"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> dataSources() throws IOException {
        Map<String, Object> file =
                new Yaml().load(Files.readString(GRAFANA.resolve("provisioning/datasources/datasources.yml")));
        Map<String, Map<String, Object>> byUid = new HashMap<>();
        for (Map<String, Object> source : (List<Map<String, Object>>) file.get("datasources")) {
            assertThat(byUid.put((String) source.get("uid"), source))
                    .as("uid used twice")
                    .isNull();
        }
        return byUid;
    }

    @Test
    void everyDashboardShadesTheTimeAChaosFaultWasActive() throws IOException {
        for (Path file : ShippedQueries.dashboardFiles()) {
            JsonNode chaos = null;
            for (JsonNode annotation :
                    ShippedQueries.dashboard(file).path("annotations").path("list")) {
                if (annotation.path("expr").asString().contains("tabelogo_chaos_fault_active")) {
                    chaos = annotation;
                }
            }
            assertThat(chaos).as(file + " has the chaos annotation").isNotNull();
            assertThat(chaos.path("enable").asBoolean()).isTrue();
            assertThat(chaos.path("datasource").path("uid").asString()).isEqualTo("prometheus");
            assertThat(chaos.path("tagKeys").asString()).contains("fault");
        }
    }
}
