package io.tabelogo.helm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** What {@code deploy/helm/dev-secrets.sh} prints: the Secrets values-dev.yaml names, run with bash. */
record DevSecrets(int exitCode, String output, String errors) {

    static DevSecrets run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", "dev-secrets.sh"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("dev-secrets.sh did not finish");
            }
            return new DevSecrets(process.exitValue(), output, errors);
        } catch (IOException e) {
            throw new AssertionError("could not run dev-secrets.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The printed objects, as Kubernetes would read them. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> objects() {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml(new LoaderOptions()).loadAll(output)) {
            if (document != null) {
                objects.add((Map<String, Object>) document);
            }
        }
        return objects;
    }

    /** Each Secret's name and its keys with their values. */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, String>> byName() {
        Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
        for (Map<String, Object> secret : objects()) {
            secrets.put(RenderedChart.name(secret), (Map<String, String>) secret.get("stringData"));
        }
        return secrets;
    }
}
