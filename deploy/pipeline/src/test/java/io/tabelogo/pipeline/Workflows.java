package io.tabelogo.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The repository's GitHub workflows, as files and as parsed YAML. */
final class Workflows {

    static final Path ROOT = Path.of("..", "..");
    static final Path FOLDER = ROOT.resolve(".github/workflows");

    private Workflows() {}

    /** Every workflow file by name (ci.yml ...). */
    static Map<String, Path> files() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            Map<String, Path> byName = new TreeMap<>();
            files.filter(file ->
                            file.toString().endsWith(".yml") || file.toString().endsWith(".yaml"))
                    .forEach(file -> byName.put(file.getFileName().toString(), file));
            return byName;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String name) {
        return (Map<String, Object>) load(FOLDER.resolve(name));
    }

    static Object load(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The workflow's {@code on:} (YAML 1.1, which SnakeYAML reads, makes that key the boolean true). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> triggers(Map<String, Object> workflow) {
        Object on = workflow.containsKey("on") ? workflow.get("on") : workflow.get(Boolean.TRUE);
        return (Map<String, Object>) on;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> jobs(Map<String, Object> workflow) {
        return (Map<String, Map<String, Object>>) workflow.get("jobs");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> steps(Map<String, Object> job) {
        return (List<Map<String, Object>>) job.getOrDefault("steps", List.of());
    }

    /** Every step's {@code run:} script of a job, one after the other. */
    static String scripts(Map<String, Object> job) {
        return String.join(
                "\n",
                steps(job).stream()
                        .map(step -> String.valueOf(step.getOrDefault("run", "")))
                        .toList());
    }
}
