package io.tabelogo.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.gateway.GatewayIntegrationTest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The web app's files as the gateway serves them: routes, caching, compressed copies, its config and its CSP. */
class WebAppIntegrationTest extends GatewayIntegrationTest {

    @Test
    void everyRouteOfTheAppAnswersItsPageNeverCached() {
        for (String route : new String[] {
            "/", "/restaurants/4f3c2a9e-0000-4000-8000-000000000001", "/favorites", "/account", "/account/sessions"
        }) {
            HttpResponse<String> page = get(route, "Accept", "text/html");
            assertThat(page.statusCode()).as(route).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.headers().firstValue("Cache-Control")).as(route).hasValue("no-cache");
            assertThat(page.body()).contains("<div id=\"app\"></div>", "/assets/index-");
        }
        // Not a route of the app: still the API's 404 problem, not the page.
        HttpResponse<String> unknown = get("/no-such-page", "Accept", "text/html");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void hashedAssetsAreImmutableForAYearAndComeCompressedWhenTheBrowserAccepts() {
        String script = asset("js");
        HttpResponse<String> plain = get(script);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Cache-Control").orElseThrow())
                .contains("max-age=31536000", "immutable", "public");

        HttpResponse<byte[]> brotli = getBytes(script, "Accept-Encoding", "br, gzip");
        assertThat(brotli.headers().firstValue("Content-Encoding")).hasValue("br");
        assertThat(brotli.body().length).isLessThan(plain.body().length() / 2);
        HttpResponse<byte[]> gzip = getBytes(asset("css"), "Accept-Encoding", "gzip");
        assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzip.headers().allValues("Vary"))
                .anySatisfy(vary -> assertThat(vary).contains("Accept-Encoding"));
    }

    @Test
    void theAppLearnsItsTilesFromTheGatewayAndTheCspAllowsThemAndNoInlineCode() {
        HttpResponse<String> config = get("/app-config.json");
        assertThat(json(config).get("tile_url").asString()).isEqualTo("https://tile.openstreetmap.org/{z}/{x}/{y}.png");
        assertThat(json(config).get("tile_attribution").asString()).contains("OpenStreetMap");

        String csp = get("/").headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .contains(
                        "script-src 'self';",
                        "style-src 'self';",
                        "img-src 'self' data: https://tile.openstreetmap.org;")
                .doesNotContain("unsafe-inline", "unsafe-eval");
    }

    private String asset(String extension) {
        Matcher found =
                Pattern.compile("/assets/index-[A-Za-z0-9_-]+\\." + extension).matcher(get("/").body());
        assertThat(found.find()).as("index.html names its " + extension).isTrue();
        return found.group();
    }

    private HttpResponse<byte[]> getBytes(String path, String... headers) {
        try {
            return HTTP.send(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
