package io.tabelogo.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local files only. */
class GeneratedSecretsUnitTest {

    @Test
    void madeOnceKeptAcrossRunsAndReadableByTheOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secrets.properties");

        String first = new GeneratedSecrets(file).get("TABELOGO_AUTH_KEY_PASSWORD");
        String again = new GeneratedSecrets(file).get("TABELOGO_AUTH_KEY_PASSWORD");
        String other = new GeneratedSecrets(file).get("OTHER_SECRET");

        assertThat(first).matches("[A-Za-z0-9_-]{43}").isEqualTo(again).isNotEqualTo(other);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }
}
