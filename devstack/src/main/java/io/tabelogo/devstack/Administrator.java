package io.tabelogo.devstack;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Where the chaos tools reach the platform and as whom: this checkout's gateway and the administrator auth-service
 * makes from services.conf (its password generated for the checkout), unless {@code TABELOGO_CHAOS_URL},
 * {@code TABELOGO_ADMIN_EMAIL} and {@code TABELOGO_ADMIN_PASSWORD} name another installation.
 */
record Administrator(URI gateway, String email, String password) {

    static Administrator of(StackHome home, ServiceRegistry registry, Map<String, String> env) {
        ServiceSpec gateway = registry.services().stream()
                .filter(service -> service.name().equals("gateway"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("services.conf has no gateway"));
        String email = env.getOrDefault(
                "TABELOGO_ADMIN_EMAIL",
                registry.services().stream()
                        .map(service -> service.env().get("TABELOGO_ADMIN_EMAIL"))
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElse(""));
        String password = env.containsKey("TABELOGO_ADMIN_PASSWORD")
                ? env.get("TABELOGO_ADMIN_PASSWORD")
                : new GeneratedSecrets(home.dir().resolve("secrets.properties")).get("TABELOGO_ADMIN_PASSWORD");
        URI url =
                URI.create(env.getOrDefault("TABELOGO_CHAOS_URL", gateway.url()).replaceAll("/+$", ""));
        return new Administrator(url, email, password);
    }
}
