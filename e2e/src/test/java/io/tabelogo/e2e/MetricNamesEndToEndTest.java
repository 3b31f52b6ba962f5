package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every metric an alert, a recording rule or a dashboard uses exists in the /metrics output of a running service:
 * the first Tabelogo shipped a dashboard whose metrics did not exist; here that fails the build.
 */
class MetricNamesEndToEndTest extends ThroughTheGateway {

    @Test
    void everyMetricTheRulesAndDashboardsUseIsPublishedByAService() {
        // Traffic of each kind the queries look at, so the meters registered on first use exist.
        get("/api/v1/restaurants?q=ramen");
        get("/api/v1/me/favorites");
        newUserToken(); // a registration and a login
        post("/api/v1/map/advance_search", "application/json", """
                {"text_query": "udon", "max_result_count": 3, "location_bias": {"rectangle": {"low": {"latitude": 35.64,
                 "longitude": 139.68}, "high": {"latitude": 35.68, "longitude": 139.72}}}}""");
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

        Set<String> inRules = new TreeSet<>();
        ShippedQueries.ruleExpressions().forEach(expr -> inRules.addAll(ShippedQueries.metricNames(expr)));
        Set<String> inDashboards = new TreeSet<>();
        ShippedQueries.dashboardQueries().stream()
                .filter(query -> query.datasourceType().equals("prometheus"))
                .forEach(query -> inDashboards.addAll(ShippedQueries.metricNames(query.expr())));

        assertThat(inRules) // names in every position: bare, with a selector, with a range
                .as("metric names found in the rules")
                .contains(
                        "spider_job_queue_length",
                        "resilience4j_circuitbreaker_state",
                        "http_server_requests_seconds_count");
        assertThat(inDashboards)
                .as("metric names found in the dashboards")
                .contains(
                        "auth_login_duration_seconds_bucket",
                        "restaurant_bloom_rejections_total",
                        "jvm_memory_used_bytes")
                .hasSizeGreaterThan(50);
        assertThat(published).as("published by the services").containsAll(inRules);
        assertThat(published).as("published by the services").containsAll(inDashboards);
    }
}
