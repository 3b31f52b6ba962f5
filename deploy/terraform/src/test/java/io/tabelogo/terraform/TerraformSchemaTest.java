package io.tabelogo.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Without a Terraform binary: every .tf file parsed by HashiCorp's HCL parser, and every AWS resource, data source,
 * argument and nested block checked against the AWS provider's schema (read from the provider's prebuilt bindings,
 * hashicorp/aws 6.25), so a misspelt type or argument fails here rather than at {@code terraform plan}.
 */
class TerraformSchemaTest {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");

    @BeforeAll
    static void readTheProviderSchema() throws Exception {
        JsonNode schema = ProviderSchema.read();
        assertThat(schema.get("_meta").get("provider_version").asString()).startsWith("6.");
        assertThat(schema.get("resource").size()).isGreaterThan(1500);
        assertThat(schema.get("resource").get("aws_ecs_service").get("blocks").has("deployment_circuit_breaker"))
                .isTrue();
    }

    @Test
    void everyShippedTerraformFileParsesAndMatchesTheProviderSchema() throws Exception {
        List<Path> files = terraformFiles(Path.of("aws"));
        assertThat(files).isNotEmpty();

        ProviderSchema.Run check = check(Path.of("aws"));

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains(files.size() + " files checked", ": 0 problem(s)");
    }

    @Test
    void theCheckRefusesMisspeltTypesArgumentsAndBlocksAndBrokenSyntax() throws Exception {
        assertThat(check(FIXTURES.resolve("good")).exitCode()).isZero();

        ProviderSchema.Run bad = check(FIXTURES.resolve("bad"));

        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.output())
                .contains("unknown resource type \"aws_ecs_servce\"")
                .contains("unsupported argument or block \"cidr_blok\"")
                .contains("network_configuration[0]: unsupported argument or block \"subnet\"")
                .contains("missing required \"subnets\"")
                .contains("dynamic \"load_balancers\": no such nested block")
                .contains("Unclosed configuration block");
    }

    static List<Path> terraformFiles(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".tf"))
                    .sorted()
                    .toList();
        }
    }

    private static ProviderSchema.Run check(Path target) throws Exception {
        return ProviderSchema.node(
                "check.mjs",
                "--schema",
                ProviderSchema.FILE.toAbsolutePath().toString(),
                target.toAbsolutePath().toString());
    }
}
