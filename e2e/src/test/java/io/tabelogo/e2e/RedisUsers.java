package io.tabelogo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The shipped Redis users ({@code deploy/compose/redis/users.acl.template}: one per service, each limited to its
 * own key prefix and the commands it needs) with fresh passwords, written as an ACL file a private redis-server
 * loads, exactly as the Compose deployment's Redis does.
 */
final class RedisUsers {

    static final Path TEMPLATE = Path.of("..", "deploy", "compose", "redis", "users.acl.template");
    /** The template's placeholder of each service's password. */
    static final Map<String, String> PLACEHOLDERS = Map.of(
            "auth-service", "{{AUTH}}",
            "gateway", "{{GATEWAY}}",
            "map-service", "{{MAP}}",
            "restaurant-service", "{{RESTAURANT}}",
            "spider-service", "{{SPIDER}}");

    final Path aclFile;
    private final Map<String, String> passwords = new LinkedHashMap<>();

    RedisUsers() {
        try {
            String acl = Files.readString(TEMPLATE);
            for (Map.Entry<String, String> service : PLACEHOLDERS.entrySet()) {
                String password = UUID.randomUUID().toString().replace("-", "");
                passwords.put(service.getKey(), password);
                acl = acl.replace(service.getValue(), password);
            }
            aclFile = Files.createTempFile("tabelogo-redis", ".acl");
            aclFile.toFile().deleteOnExit();
            Files.writeString(aclFile, acl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String password(String service) {
        return passwords.get(service);
    }
}
