package io.tabelogo.helm;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart rendered by Helm itself (helm-java, Helm's library through JNA), as parsed Kubernetes objects.
 *
 * <p>helm-java 0.0.15, the newest on Maven Central, renders for Kubernetes v1.20.0 and cannot be given another
 * version, which the chart's {@code kubeVersion} refuses. So objects are rendered from a copy of the chart whose
 * Chart.yaml lacks that one line ({@link #CHART_FOR_RENDERING}); {@code ChartPolicyTest} checks the line itself.
 */
final class RenderedChart {

    static final Path CHART = Path.of("tabelogo");
    static final Path CHART_FOR_RENDERING = Path.of("target", "chart-without-kube-version", "tabelogo");
    static final String RELEASE = "tabelogo";
    static final String NAMESPACE = "tabelogo";

    private final List<Map<String, Object>> objects;

    private RenderedChart(List<Map<String, Object>> objects) {
        this.objects = objects;
    }

    /** {@code helm template} with the chart's values, then each of {@code valuesFiles} (in the chart's directory). */
    static RenderedChart render(String... valuesFiles) {
        var template =
                new Helm(copyWithoutKubeVersion()).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (String file : valuesFiles) {
            Path values = CHART.resolve(file).toAbsolutePath();
            if (!Files.isRegularFile(values)) {
                throw new IllegalArgumentException("no values file " + values);
            }
            template = template.withValuesFile(values);
        }
        return parse(template.call());
    }

    /** {@code helm template} with one value set on top of the chart's values. */
    static RenderedChart renderWith(String key, Object value) {
        return renderWith(Map.of(key, value));
    }

    /** {@code helm template} with values set ({@code --set key=value}) on top of the chart's values. */
    static RenderedChart renderWith(Map<String, Object> values) {
        var template =
                new Helm(copyWithoutKubeVersion()).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (var value : values.entrySet()) {
            template = template.set(value.getKey(), value.getValue());
        }
        return parse(template.call());
    }

    /** A fresh copy of the chart, minus Chart.yaml's kubeVersion line. */
    static synchronized Path copyWithoutKubeVersion() {
        try {
            if (Files.exists(CHART_FOR_RENDERING)) {
                try (Stream<Path> old = Files.walk(CHART_FOR_RENDERING)) {
                    for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            try (Stream<Path> files = Files.walk(CHART)) {
                for (Path source : files.toList()) {
                    Path target =
                            CHART_FOR_RENDERING.resolve(CHART.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            Path chartYaml = CHART_FOR_RENDERING.resolve("Chart.yaml");
            List<String> lines = Files.readAllLines(chartYaml);
            List<String> kept = lines.stream()
                    .filter(line -> !line.startsWith("kubeVersion:"))
                    .toList();
            if (kept.size() != lines.size() - 1) {
                throw new IllegalStateException("Chart.yaml should state exactly one kubeVersion");
            }
            Files.write(chartYaml, kept);
            return CHART_FOR_RENDERING;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        Map<String, Object> parent = map(object, java.util.Arrays.copyOf(path, path.length - 1));
        Object value = parent.get(path[path.length - 1]);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    /** Every container of a workload's pod template. */
    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return list(workload, "spec", "template", "spec", "containers");
    }

    static String text(Object value) {
        return Objects.toString(value, null);
    }
}
