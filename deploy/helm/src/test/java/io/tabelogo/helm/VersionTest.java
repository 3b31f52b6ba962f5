package io.tabelogo.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

/**
 * The version is set once, as the reactor's {@code revision} (pom.xml); the chart's version and appVersion (the
 * images' default tag) and the web app's package.json carry the same, and a release bumps them together.
 */
class VersionTest {

    private static final Path ROOT = Path.of("..", "..");

    @Test
    void theChartAndTheWebAppCarryTheReactorsRevision() throws Exception {
        String revision = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(ROOT.resolve("pom.xml").toFile())
                .getElementsByTagName("revision")
                .item(0)
                .getTextContent();
        Map<String, Object> chart = new Yaml().load(Files.readString(ROOT.resolve("deploy/helm/tabelogo/Chart.yaml")));
        String webVersion = JsonMapper.builder()
                .build()
                .readTree(ROOT.resolve("web/package.json").toFile())
                .get("version")
                .asString();

        assertThat(revision).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(chart.get("version")).hasToString(revision);
        assertThat(chart.get("appVersion")).hasToString(revision);
        assertThat(webVersion).isEqualTo(revision);
    }
}
