package io.tabelogo.platform.grpc;

import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Internal gRPC (restaurant to map) is not authenticated per call, but Spring gRPC's security auto-configuration
 * would reject every call once Spring Security is on the classpath. A filter rather than
 * {@code spring.autoconfigure.exclude}, which a service setting its own excludes would silently replace.
 */
public class NoPerCallGrpcSecurity implements AutoConfigurationImportFilter {

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
