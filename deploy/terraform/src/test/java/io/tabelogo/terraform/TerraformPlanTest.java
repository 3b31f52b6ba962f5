package io.tabelogo.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Terraform itself, where a Terraform binary and a local copy of the AWS provider exist (this machine has Terraform
 * 1.11 and hashicorp/aws 5.100; nothing is downloaded): {@code terraform fmt -check} on the shipped files, then per
 * environment {@code terraform validate} and a plan with the provider mocked ({@code terraform test}), which resolves
 * every reference between the modules, runs every validation and precondition, and needs every count and for_each
 * known at plan time. The files target the 6.x provider; against a 5.x copy the three spellings 6.x introduced are
 * rewritten to their 5.x forms first (in a copy under target/). Skipped where there is no Terraform.
 */
class TerraformPlanTest {

    private static final Path AWS = Path.of("aws");
    private static final Path COPY = Path.of("target", "terraform-plan");
    private static Path terraform;
    private static Path plugins;

    @BeforeAll
    static void findTerraformAndTheProvider() throws IOException {
        terraform = onPath(Optional.ofNullable(System.getenv("TERRAFORM")).orElse("terraform"))
                .orElse(null);
        plugins = Stream.of(System.getenv("TF_PLUGIN_DIR"), "/opt/tf-plugins")
                .filter(dir ->
                        dir != null && Files.isDirectory(Path.of(dir, "registry.terraform.io", "hashicorp", "aws")))
                .map(Path::of)
                .findFirst()
                .orElse(null);
        assumeTrue(terraform != null && plugins != null, "no terraform binary or local AWS provider here");
        copy(AWS, COPY);
        String provider = providerVersion();
        try (Stream<Path> files = Files.walk(COPY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".tf")).toList()) {
                String text = Files.readString(file);
                if (provider.startsWith("5.")) {
                    text = text.replace("version = \"~> 6.0\"", "version = \">= 5.100\"")
                            .replace("data.aws_region.current.region", "data.aws_region.current.name")
                            .replaceAll("(?m)^\\s*deletion_protection_enabled\\s*=.*\\n", "");
                }
                // Plans run without the remote state (init -backend=false).
                Files.writeString(file, text.replaceAll("(?s)\\n  backend \"s3\" \\{.*?\\n  }", ""));
            }
        }
    }

    @Test
    void theShippedFilesAreFormattedAsTerraformFmtWrites() throws Exception {
        ProviderSchema.Run fmt = terraform(AWS, "fmt", "-check", "-recursive", "-diff", ".");

        assertThat(fmt.exitCode()).as(fmt.output()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void eachEnvironmentValidatesAndPlansAgainstAMockedProvider(String environment) throws Exception {
        Path directory = COPY.resolve("envs").resolve(environment);
        Files.createDirectories(directory.resolve("tests"));
        Files.copy(
                Path.of("src", "test", "resources", "plan", "plan.tftest.hcl"),
                directory.resolve("tests").resolve("plan.tftest.hcl"));

        ProviderSchema.Run init = terraform(
                directory, "init", "-backend=false", "-input=false", "-plugin-dir=" + plugins.toAbsolutePath());
        assertThat(init.exitCode()).as(init.output()).isZero();
        ProviderSchema.Run validate = terraform(directory, "validate");
        assertThat(validate.exitCode()).as(validate.output()).isZero();
        ProviderSchema.Run plan = terraform(directory, "test");

        assertThat(plan.exitCode()).as(plan.output()).isZero();
        assertThat(plan.output()).contains("run \"plan\"... pass", "1 passed, 0 failed");
    }

    /** Replaces {@code target} with a copy of {@code source}. */
    private static void copy(Path source, Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path path : files.toList()) {
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(path, to);
                }
            }
        }
    }

    private static String providerVersion() throws IOException {
        try (Stream<Path> versions = Files.list(plugins.resolve("registry.terraform.io/hashicorp/aws"))) {
            return versions.map(version -> version.getFileName().toString())
                    .sorted()
                    .toList()
                    .getLast();
        }
    }

    private static ProviderSchema.Run terraform(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(terraform.toString(), "-chdir=" + directory.toAbsolutePath()));
        command.addAll(List.of(arguments));
        command.add(arguments[0].equals("fmt") ? "" : "-no-color");
        command.removeIf(String::isEmpty);
        Path config = Files.createTempFile("terraformrc", "");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // No checkpoint calls, no provider downloads: only the plugin directory given to init.
        builder.environment().put("CHECKPOINT_DISABLE", "1");
        builder.environment().put("TF_IN_AUTOMATION", "1");
        builder.environment().put("TF_CLI_CONFIG_FILE", config.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        Files.delete(config);
        return new ProviderSchema.Run(process.exitValue(), output);
    }

    private static Optional<Path> onPath(String name) {
        if (name.contains("/")) {
            return Optional.of(Path.of(name)).filter(Files::isExecutable);
        }
        return Stream.of(System.getenv("PATH").split(":"))
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
