package io.tabelogo.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The AWS provider's schema (check/provider-schema.mjs), read once per build, and the check's Node.js scripts. */
final class ProviderSchema {

    static final Path FILE = Path.of("target", "aws-provider-schema.json");
    private static final Path CHECK = Path.of("check");

    private ProviderSchema() {}

    /** The schema, extracted from the provider bindings unless an earlier test of this build did. */
    static synchronized JsonNode read() throws Exception {
        if (!Files.exists(FILE)) {
            Files.createDirectories(FILE.getParent());
            Run extract = node(
                    "provider-schema.mjs",
                    "node_modules/@cdktf/provider-aws",
                    FILE.toAbsolutePath().toString());
            assertThat(extract.exitCode()).as(extract.output()).isZero();
        }
        return JsonMapper.builder().build().readTree(FILE.toFile());
    }

    /** What a process (a Node.js script, Terraform) printed, standard output and error, and how it ended. */
    record Run(int exitCode, String output) {}

    static Run node(String script, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(CHECK.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
