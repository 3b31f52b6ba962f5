package io.tabelogo.platform.grpc;

import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * gRPC calls are authenticated by the platform's own {@link GrpcAuthentication} (user and service tokens, the same
 * decoder as HTTP); Spring gRPC's security auto-configuration would add a second, differently configured chain. A
 * filter rather than {@code spring.autoconfigure.exclude}, which a service setting its own excludes would silently
 * replace.
 */
public class NoSpringGrpcSecurity implements AutoConfigurationImportFilter {

    private static final String PACKAGE = "org.springframework.boot.grpc.server.autoconfigure.security.";
    private static final Set<String> SKIPPED = Set.of(
            PACKAGE + "GrpcSecurityAutoConfiguration",
            PACKAGE + "OAuth2ResourceServerAutoConfiguration",
            PACKAGE + "OAuth2ClientAutoConfiguration");

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] keep = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            keep[i] = autoConfigurationClasses[i] == null || !SKIPPED.contains(autoConfigurationClasses[i]);
        }
        return keep;
    }
}
