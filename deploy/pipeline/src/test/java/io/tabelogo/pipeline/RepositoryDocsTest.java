package io.tabelogo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands on its own: every relative link of its Markdown reaches a file it has, and nothing points at
 * documents that live elsewhere.
 */
class RepositoryDocsTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void everyRelativeLinkOfTheDocsReachesAFileOfTheRepository() throws IOException {
        List<Path> documents = markdown();
        assertThat(documents).extracting(Path::toString).anyMatch(name -> name.endsWith("docs/delivery.md"));
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path document : documents) {
            Matcher link = LINK.matcher(Files.readString(document));
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("http://")
                        || target.startsWith("https://")
                        || target.startsWith("#")
                        || target.startsWith("mailto:")) {
                    continue;
                }
                links++;
                Path file = document.getParent()
                        .resolve(target.replaceFirst("#.*$", ""))
                        .normalize();
                if (!Files.exists(file)) {
                    broken.add(Workflows.ROOT.relativize(document) + " → " + target);
                }
            }
        }
        assertThat(links).isGreaterThan(50);
        assertThat(broken).isEmpty();
    }

    @Test
    void nothingPointsAtDocumentsOutsideTheRepository() throws IOException {
        for (Path document : markdown()) {
            assertThat(Files.readString(document))
                    .as(document.toString())
                    .doesNotContain("../shared/", "SPEC §", "ARCHITECTURE.md");
        }
    }

    /** README.md, docs/ and the READMEs under deploy/ and bench/. */
    private static List<Path> markdown() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Workflows.ROOT.resolve("README.md")));
        for (String folder : List.of("docs", "deploy", "bench")) {
            try (Stream<Path> files = Files.walk(Workflows.ROOT.resolve(folder))) {
                files.filter(file -> file.toString().endsWith(".md"))
                        .filter(file -> !file.toString().contains("node_modules")
                                && !file.toString().contains("/target/"))
                        .forEach(documents::add);
            }
        }
        return documents;
    }
}
