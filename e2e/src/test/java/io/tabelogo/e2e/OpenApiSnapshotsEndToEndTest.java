package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ObjectNode;

/**
 * The web app's API types are generated (openapi-typescript) from the OpenAPI descriptions in {@code web/openapi/},
 * which must be what the running services publish: a service whose API changed fails here until the description is
 * taken again with {@code ./mvnw verify -pl e2e -Dtest=OpenApiSnapshotsEndToEndTest -Dtabelogo.openapi.update=true}
 * (then the web app's type check shows what the change breaks).
 */
class OpenApiSnapshotsEndToEndTest extends ThroughTheGateway {

    static final Path SNAPSHOTS = Path.of("..", "web", "openapi");

    @Test
    void theWebAppsDescriptionsAreWhatTheServicesPublish() throws IOException {
        for (String service : new String[] {"auth", "map", "restaurant", "spider"}) {
            HttpResponse<String> published = get("/api-docs/" + service);
            assertThat(published.statusCode()).as(service).isEqualTo(200);
            ObjectNode live = (ObjectNode) JSON.readTree(published.body());
            live.remove("servers"); // where this run's service listened: a random port
            Path snapshot = SNAPSHOTS.resolve(service + ".json");
            if (Boolean.getBoolean("tabelogo.openapi.update")) {
                Files.writeString(
                        snapshot,
                        JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(live) + "\n");
            }
            JsonNode stored = JSON.readTree(Files.readString(snapshot));
            assertThat(stored)
                    .as(
                            "web/openapi/%s.json against what %s-service publishes (see this class to take it again)",
                            service, service)
                    .isEqualTo(live);
        }
    }
}
