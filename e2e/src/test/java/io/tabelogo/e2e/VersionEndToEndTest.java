package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One version: every service's {@code /info} names the build's version and commit (the reactor's
 * {@code ${revision}${changelist}} and the checkout's HEAD), and the web app the gateway serves was built with them.
 */
class VersionEndToEndTest extends ThroughTheGateway {

    private static final String VERSION = System.getProperty("tabelogo.version");
    private static final String COMMIT = System.getProperty("tabelogo.commit");

    @Test
    void everyServiceReportsTheBuildsVersionAndCommit() throws Exception {
        assertThat(VERSION).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(COMMIT).matches("[0-9a-f]{12}");
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (var service : PLATFORM.metricsPorts.entrySet()) {
                HttpResponse<String> info = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.getValue() + "/info"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(info.statusCode()).as(service.getKey()).isEqualTo(200);
                JsonNode build = json(info).get("build");
                assertThat(build.get("version").asString()).as(service.getKey()).isEqualTo(VERSION);
                assertThat(build.get("commit").asString()).as(service.getKey()).isEqualTo(COMMIT);
                assertThat(build.get("artifact").asString()).isEqualTo(service.getKey());
            }
        }
    }

    @Test
    void theWebAppWasBuiltWithTheSameVersionAndCommit() {
        HttpResponse<String> page = get("/");
        Matcher script = Pattern.compile("src=\"(/assets/index-[^\"]+\\.js)\"").matcher(page.body());
        assertThat(script.find()).as(page.body()).isTrue();

        String bundle = get(script.group(1)).body();

        // As string literals of the minified bundle (Vite quotes them with backticks).
        assertThat(bundle).contains("`" + VERSION + "`", "`" + COMMIT + "`");
    }
}
