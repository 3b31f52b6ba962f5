package io.tabelogo.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Secrets as files, the way Kubernetes mounts a Secret (deploy/helm): a file per key named like the environment
 * variable it replaces, imported with Spring's {@code configtree}, reaches the same settings as the variable would.
 */
class SecretFilesUnitTest {

    @TempDir
    Path dir;

    @Test
    void aSecretVolumeFillsTheSettingsItsKeysName() throws Exception {
        // Kubernetes' layout: each key a link into ..data, itself a link to the current generation.
        Path generation = Files.createDirectory(dir.resolve("..2026_12_06_00_00_00.1"));
        Files.writeString(generation.resolve("TABELOGO_DB_PASSWORD"), "db-secret-from-a-file");
        Files.writeString(generation.resolve("TABELOGO_SERVICE_SECRET"), "client-secret-from-a-file");
        Files.createSymbolicLink(dir.resolve("..data"), generation.getFileName());
        for (String key : new String[] {"TABELOGO_DB_PASSWORD", "TABELOGO_SERVICE_SECRET"}) {
            Files.createSymbolicLink(dir.resolve(key), Path.of("..data", key));
        }
        var environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "test", Map.of("spring.config.import", "configtree:" + dir.toAbsolutePath() + "/")));

        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("db-secret-from-a-file");
        assertThat(environment.getProperty("tabelogo.security.service-token.secret"))
                .isEqualTo("client-secret-from-a-file");
    }
}
