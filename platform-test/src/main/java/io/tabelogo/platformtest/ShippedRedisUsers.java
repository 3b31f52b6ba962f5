package io.tabelogo.platformtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The Redis users a deployment ships ({@code deploy/compose/redis/users.acl.template}: one per service, each limited
 * to its own key prefix and the commands it uses), with fresh passwords, written as an ACL file a
 * {@link PrivateRedisServer} loads exactly as the Compose deployment's Redis does.
 */
public final class ShippedRedisUsers {

    static final Path TEMPLATE = Path.of("deploy", "compose", "redis", "users.acl.template");
    /** The template's placeholder of each service's password. */
    public static final Map<String, String> PLACEHOLDERS = Map.of(
            "auth-service", "{{AUTH}}",
            "gateway", "{{GATEWAY}}",
            "map-service", "{{MAP}}",
            "restaurant-service", "{{RESTAURANT}}",
            "spider-service", "{{SPIDER}}");

    private final Path aclFile;
    private final Map<String, String> passwords;

    private ShippedRedisUsers(Path aclFile, Map<String, String> passwords) {
        this.aclFile = aclFile;
        this.passwords = passwords;
    }

    /** The users as shipped: the default user is off, so every client must be one of the services. */
    public static ShippedRedisUsers asShipped() {
        return write(false);
    }

    /**
     * The shipped users plus a default user that may do anything: the service under test connects as its shipped
     * user while the test itself keeps a free hand (seeding, inspecting, ACL LOG).
     */
    public static ShippedRedisUsers withTestAdmin() {
        return write(true);
    }

    /** The template, found from the working directory (the repository root or any module below it). */
    public static Path template() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(TEMPLATE))) {
                return dir.resolve(TEMPLATE);
            }
        }
        throw new IllegalStateException(
                TEMPLATE + " not found above " + Path.of("").toAbsolutePath());
    }

    private static ShippedRedisUsers write(boolean testAdmin) {
        try {
            String acl = Files.readString(template());
            Map<String, String> passwords = new LinkedHashMap<>();
            for (Map.Entry<String, String> service : PLACEHOLDERS.entrySet()) {
                String password = UUID.randomUUID().toString().replace("-", "");
                passwords.put(service.getKey(), password);
                acl = acl.replace(service.getValue(), password);
            }
            if (testAdmin) {
                acl = acl.replace("user default off", "user default on nopass ~* &* +@all");
            }
            Path aclFile = Files.createTempFile("tabelogo-redis", ".acl");
            aclFile.toFile().deleteOnExit();
            Files.writeString(aclFile, acl);
            return new ShippedRedisUsers(aclFile, Collections.unmodifiableMap(passwords));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path aclFile() {
        return aclFile;
    }

    public boolean has(String service) {
        return passwords.containsKey(service);
    }

    public String password(String service) {
        String password = passwords.get(service);
        if (password == null) {
            throw new IllegalArgumentException("no shipped Redis user " + service);
        }
        return password;
    }
}
