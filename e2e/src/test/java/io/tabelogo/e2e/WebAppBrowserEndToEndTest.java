package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The web app in a real Chromium (Debian's) against this platform, through the gateway only: the Playwright Test
 * specs of {@code web/e2e} (the visitor's journey, axe checks on each page, screenshots of each step), run by the
 * web module's own Playwright. Their screenshots and HTML report: {@code e2e/target/browser-tests*}.
 */
class WebAppBrowserEndToEndTest extends ThroughTheGateway {

    static final Path WEB = Path.of("..", "web");

    @Test
    void theWebAppsBrowserTestsPass() throws IOException, InterruptedException {
        assertThat(WEB.resolve("node_modules/.bin/playwright"))
                .as("the web module's npm ci (the reactor builds web/ before the end-to-end tests)")
                .exists();
        Path output = Path.of("target", "browser-tests").toAbsolutePath();
        Path log = Path.of("target", "browser-tests.log");
        ProcessBuilder playwright = new ProcessBuilder(List.of("npx", "playwright", "test"))
                .directory(WEB.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        playwright.environment().put("TABELOGO_BASE_URL", "http://127.0.0.1:" + PLATFORM.gatewayPort);
        playwright.environment().put("TABELOGO_BROWSER_OUTPUT", output.toString());
        playwright.environment().put("CI", "1");
        Process run = playwright.start();
        boolean ended = run.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            run.destroyForcibly();
        }
        String report = Files.readString(log);
        System.out.println(report);
        assertThat(ended).as("the browser tests ended within 10 minutes").isTrue();
        assertThat(run.exitValue())
                .as("npx playwright test (its output: %s)\n%s", log, report)
                .isZero();
    }
}
