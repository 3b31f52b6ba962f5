package io.tabelogo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The shipped Compose file, read as Compose reads it (anchors and merge keys resolved). */
final class ComposeFile {

    static final Path FOLDER = Path.of("..", "deploy", "compose");

    private ComposeFile() {}

    /** Its services by name. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services() {
        try {
            Map<String, Object> compose = new Yaml().load(Files.readString(FOLDER.resolve("docker-compose.yml")));
            return (Map<String, Map<String, Object>>) compose.get("services");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same, by container name. */
    static Map<String, Map<String, Object>> containers() {
        Map<String, Map<String, Object>> containers = new LinkedHashMap<>();
        services().values().forEach(service -> containers.put((String) service.get("container_name"), service));
        return containers;
    }
}
