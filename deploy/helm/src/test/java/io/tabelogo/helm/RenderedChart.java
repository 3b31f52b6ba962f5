package io.tabelogo.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart rendered by Helm itself (helm-java, Helm's library through JNA), as parsed Kubernetes objects.
 *
 * <p>helm-java 0.0.15, the newest on Maven Central, renders for Kubernetes v1.20.0 and cannot be given another
 * version, which the chart's {@code kubeVersion} refuses. So objects are rendered from a copy of the chart whose
 * Chart.yaml lacks that one line; {@code ChartPolicyTest} checks the line itself.
 */
final class RenderedChart {

    static final Path CHART = Path.of("tabelogo");
    /** What an install must supply and the chart cannot default: the database's host, each service's Secret. */
    static final String TEST_VALUES = "ci/test-values.yaml";

    static final String RELEASE = "tabelogo";
    static final String NAMESPACE = "tabelogo";

    private static final Path CHART_FOR_RENDERING = Path.of("target", "chart-without-kube-version", "tabelogo");
    private static final Path CHART_FOR_LINT = Path.of("target", "chart-with-test-values", "tabelogo");

    private final List<Map<String, Object>> objects;

    private RenderedChart(List<Map<String, Object>> objects) {
        this.objects = objects;
    }

    /** {@code helm template} with the chart's values, the test values, then {@code valuesFiles} (chart-relative). */
    static RenderedChart render(String... valuesFiles) {
        List<String> files = new ArrayList<>(List.of(TEST_VALUES));
        files.addAll(List.of(valuesFiles));
        return renderExactly(files, Map.of());
    }

    /**
     * The chart as each shipped values file renders it (with what an install must add), for the checks that hold
     * for every one: JUnit arguments (the values file, the rendered chart).
     */
    static Stream<org.junit.jupiter.params.provider.Arguments> everyValuesFile() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("values.yaml", render()),
                // values-dev.yaml needs nothing more: its data stores and the Secrets dev-secrets.sh makes.
                org.junit.jupiter.params.provider.Arguments.of(
                        "values-dev.yaml", renderExactly(List.of("values-dev.yaml"), Map.of())),
                org.junit.jupiter.params.provider.Arguments.of(
                        "values-prod.yaml",
                        renderExactly(
                                List.of(TEST_VALUES, "values-prod.yaml"),
                                Map.of(
                                        "postgres.host",
                                        "tabelogo.db.internal",
                                        "ingress.host",
                                        "tabelogo.example.org"))));
    }

    /** {@code helm template} with the test values and {@code --set key=value}. */
    static RenderedChart renderWith(String key, Object value) {
        return renderWith(Map.of(key, value));
    }

    /** {@code helm template} with the test values and {@code --set} for each of {@code values}. */
    static RenderedChart renderWith(Map<String, Object> values) {
        return renderExactly(List.of(TEST_VALUES), values);
    }

    /** {@code helm template} with the chart's values, only {@code valuesFiles} and {@code values} on top. */
    static RenderedChart renderExactly(List<String> valuesFiles, Map<String, Object> values) {
        TemplateCommand template =
                new Helm(copyWithoutKubeVersion()).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (String file : valuesFiles) {
            Path path = CHART.resolve(file).toAbsolutePath();
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("no values file " + path);
            }
            template = template.withValuesFile(path);
        }
        for (var value : values.entrySet()) {
            template = template.set(value.getKey(), value.getValue());
        }
        return parse(template.call());
    }

    /**
     * {@code helm lint --strict} with values files (chart-relative) and then {@code values} ("a.b" keys), which
     * helm-java cannot pass: the lint runs on a copy of the chart whose values.yaml is the chart's with those merged
     * in, as Helm merges them.
     */
    static LintResult lint(List<String> valuesFiles, Map<String, Object> values) {
        try {
            copy(CHART_FOR_LINT);
            Yaml yaml = new Yaml(new LoaderOptions());
            Map<String, Object> merged = yaml.load(Files.readString(CHART.resolve("values.yaml")));
            for (String file : valuesFiles) {
                merged = merge(merged, yaml.load(Files.readString(CHART.resolve(file))));
            }
            for (var value : values.entrySet()) {
                Object nested = value.getValue();
                List<String> keys = List.of(value.getKey().split("\\."));
                for (String key : keys.reversed()) {
                    nested = Map.of(key, nested);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> overlay = (Map<String, Object>) nested;
                merged = merge(merged, overlay);
            }
            Files.writeString(CHART_FOR_LINT.resolve("values.yaml"), yaml.dump(merged));
            return new Helm(CHART_FOR_LINT).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        overlay.forEach((key, value) -> merged.merge(
                key,
                value,
                (old, added) -> old instanceof Map<?, ?> oldMap && added instanceof Map<?, ?> addedMap
                        ? merge((Map<String, Object>) oldMap, (Map<String, Object>) addedMap)
                        : added));
        return merged;
    }

    private static boolean copiedForRendering;

    /** A copy of the chart, minus Chart.yaml's kubeVersion line: made once per run (the chart does not change). */
    private static synchronized Path copyWithoutKubeVersion() {
        if (copiedForRendering) {
            return CHART_FOR_RENDERING;
        }
        try {
            copy(CHART_FOR_RENDERING);
            Path chartYaml = CHART_FOR_RENDERING.resolve("Chart.yaml");
            List<String> lines = Files.readAllLines(chartYaml);
            List<String> kept = lines.stream()
                    .filter(line -> !line.startsWith("kubeVersion:"))
                    .toList();
            if (kept.size() != lines.size() - 1) {
                throw new IllegalStateException("Chart.yaml should state exactly one kubeVersion");
            }
            Files.write(chartYaml, kept);
            copiedForRendering = true;
            return CHART_FOR_RENDERING;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path copy) throws IOException {
        if (Files.exists(copy)) {
            try (Stream<Path> old = Files.walk(copy)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        // Following links: files/ links to deploy/observability, whose files the copy must hold.
        try (Stream<Path> files = Files.walk(CHART, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static RenderedChart parse(String manifests) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml(new LoaderOptions()).loadAll(manifests)) {
            if (document != null) {
                objects.add((Map<String, Object>) document);
            }
        }
        return new RenderedChart(objects);
    }

    List<Map<String, Object>> all() {
        return objects;
    }

    Stream<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.get("kind")));
    }

    /** The Deployments and StatefulSets: every object with a pod template. */
    Stream<Map<String, Object>> workloads() {
        return objects.stream()
                .filter(object -> List.of("Deployment", "StatefulSet").contains(object.get("kind")));
    }

    /** The object of {@code kind} called {@code name}; fails the test when there is none. */
    Map<String, Object> named(String kind, String name) {
        return ofKind(kind)
                .filter(object -> name(object).equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static String name(Map<String, Object> object) {
        return (String) map(object, "metadata").get("name");
    }

    /** The nested map at {@code path}, or an empty one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> object, String... path) {
        Object current = object;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map) || map.get(key) == null) {
                return Map.of();
            }
            current = map.get(key);
        }
        return (Map<String, Object>) current;
    }

    /** The list at {@code path}, or an empty one. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> object, String... path) {
        Map<String, Object> parent = map(object, Arrays.copyOf(path, path.length - 1));
        Object value = parent.get(path[path.length - 1]);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    /** Every container of a workload's pod template. */
    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return list(workload, "spec", "template", "spec", "containers");
    }
}
