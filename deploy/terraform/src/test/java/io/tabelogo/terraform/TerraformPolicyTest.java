package io.tabelogo.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules a reviewer applies to the Terraform, over what HashiCorp's HCL parser makes of it: every variable
 * described, typed and (unless it is a flag or a map) validated; every reference to a variable
 * declared; every taggable AWS resource tagged; state buckets private, versioned and encrypted; nothing open to the
 * internet but the load balancer's 80 and 443.
 */
class TerraformPolicyTest {

    private static final Path AWS = Path.of("aws");
    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\bvar\\.([A-Za-z0-9_]+)");
    private static Map<String, JsonNode> files;
    private static JsonNode schema;

    @BeforeAll
    static void parse() throws Exception {
        ProviderSchema.Run parsed =
                ProviderSchema.node("to-json.mjs", AWS.toAbsolutePath().toString());
        assertThat(parsed.exitCode()).as(parsed.output()).isZero();
        files = new TreeMap<>();
        JsonMapper.builder()
                .build()
                .readTree(parsed.output())
                .properties()
                .forEach(file -> files.put(file.getKey(), file.getValue()));
        assertThat(files).isNotEmpty();
        schema = ProviderSchema.read();
    }

    @Test
    void everyVariableIsDescribedTypedAndValidatedUnlessItIsAFlagOrACollection() {
        int variables = 0;
        for (var file : files.entrySet()) {
            for (var variable : file.getValue().path("variable").properties()) {
                JsonNode declaration = variable.getValue().get(0);
                String where = file.getKey() + ": variable " + variable.getKey();
                assertThat(declaration.path("description").asString(""))
                        .as(where)
                        .isNotBlank();
                String type = declaration.path("type").asString("");
                assertThat(type).as(where + " has a type").isNotBlank();
                // A flag or a map of tags has nothing to validate; every other value has a rule.
                if (!type.equals("${bool}") && !type.startsWith("${map(")) {
                    assertThat(declaration.has("validation"))
                            .as(where + " has a validation")
                            .isTrue();
                }
                variables++;
            }
        }
        assertThat(variables).isGreaterThan(5);
    }

    @Test
    void everyVariableAModuleReadsIsDeclaredInIt() {
        Map<Path, Set<String>> declared = new TreeMap<>();
        Map<Path, Set<String>> read = new TreeMap<>();
        for (var file : files.entrySet()) {
            Path module = Path.of(file.getKey()).getParent();
            file.getValue()
                    .path("variable")
                    .properties()
                    .forEach(variable -> declared.computeIfAbsent(module, m -> new HashSet<>())
                            .add(variable.getKey()));
            Matcher reference = VARIABLE_REFERENCE.matcher(file.getValue().toString());
            while (reference.find()) {
                read.computeIfAbsent(module, m -> new HashSet<>()).add(reference.group(1));
            }
        }
        read.forEach((module, names) -> assertThat(declared.getOrDefault(module, Set.of()))
                .as(module + " declares what it reads")
                .containsAll(names));
    }

    @Test
    void everyModuleCallNamesAModuleOfTheRepositoryAndOnlyVariablesItDeclares() {
        Set<String> meta = Set.of("source", "version", "providers", "depends_on", "count", "for_each");
        int calls = 0;
        for (var file : files.entrySet()) {
            Path directory = AWS.resolve(file.getKey()).getParent();
            for (var call : file.getValue().path("module").properties()) {
                JsonNode arguments = call.getValue().get(0);
                String where = file.getKey() + ": module " + call.getKey();
                Path module =
                        directory.resolve(arguments.path("source").asString()).normalize();
                assertThat(module).as(where).isDirectory();
                Set<String> declared = new HashSet<>();
                files.forEach((name, content) -> {
                    if (AWS.resolve(name).getParent().normalize().equals(module)) {
                        content.path("variable").properties().forEach(variable -> declared.add(variable.getKey()));
                    }
                });
                for (String argument : arguments.propertyNames()) {
                    if (!meta.contains(argument)) {
                        assertThat(declared).as(where + " passes " + argument).contains(argument);
                    }
                }
                calls++;
            }
        }
        assertThat(calls).isGreaterThanOrEqualTo(4);
    }

    @Test
    void everyTaggableResourceIsTagged() {
        List<String> untagged = new ArrayList<>();
        forEachResource((where, type, body) -> {
            boolean taggable =
                    schema.path("resource").path(type).path("arguments").has("tags");
            if (taggable && !body.has("tags")) {
                untagged.add(where);
            }
        });
        assertThat(untagged).isEmpty();
    }

    @Test
    void theStateBucketIsVersionedEncryptedAndPrivateAndTheLockTableEncrypted() {
        Set<String> types = new HashSet<>();
        forEachResource((where, type, body) -> {
            types.add(type);
            if (type.equals("aws_s3_bucket_public_access_block")) {
                for (String setting : List.of(
                        "block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")) {
                    assertThat(body.path(setting).asBoolean(false))
                            .as(where + " " + setting)
                            .isTrue();
                }
            }
            if (type.equals("aws_dynamodb_table")) {
                assertThat(body.path("server_side_encryption")
                                .get(0)
                                .path("enabled")
                                .asBoolean(false))
                        .as(where)
                        .isTrue();
            }
        });
        assertThat(types)
                .contains(
                        "aws_s3_bucket_versioning",
                        "aws_s3_bucket_server_side_encryption_configuration",
                        "aws_s3_bucket_public_access_block");
    }

    @Test
    void everyImageRepositoryIsScannedOnPushImmutableEncryptedAndTrimmed() {
        Set<String> trimmed = new HashSet<>();
        List<String> repositories = new ArrayList<>();
        forEachResource((where, type, body) -> {
            if (type.equals("aws_ecr_repository")) {
                repositories.add(where);
                assertThat(body.path("image_tag_mutability").asString())
                        .as(where)
                        .isEqualTo("IMMUTABLE");
                assertThat(body.path("image_scanning_configuration")
                                .get(0)
                                .path("scan_on_push")
                                .asBoolean(false))
                        .as(where)
                        .isTrue();
                assertThat(body.has("encryption_configuration")).as(where).isTrue();
            }
            if (type.equals("aws_ecr_lifecycle_policy")) {
                trimmed.add(where);
            }
        });
        assertThat(repositories).isNotEmpty();
        assertThat(trimmed).hasSameSizeAs(repositories);
    }

    @Test
    void nothingIsOpenToTheInternetButTheLoadBalancersHttpAndHttps() {
        forEachResource((where, type, body) -> {
            boolean open =
                    body.toString().contains("\"0.0.0.0/0\"") || body.toString().contains("\"::/0\"");
            if (type.equals("aws_vpc_security_group_ingress_rule") && open) {
                assertThat(body.path("from_port").asInt()).as(where).isIn(80, 443);
                assertThat(body.path("to_port").asInt())
                        .as(where)
                        .isEqualTo(body.path("from_port").asInt());
            }
            if (type.equals("aws_security_group")) {
                assertThat(body.has("ingress"))
                        .as(where + ": rules as aws_vpc_security_group_ingress_rule")
                        .isFalse();
            }
        });
    }

    /** A resource's location ("file: type.name"), type and body. */
    private interface ResourceVisitor {
        void visit(String where, String type, JsonNode body);
    }

    private static void forEachResource(ResourceVisitor visitor) {
        for (var file : files.entrySet()) {
            for (var type : file.getValue().path("resource").properties()) {
                for (var resource : type.getValue().properties()) {
                    for (JsonNode body : resource.getValue()) {
                        visitor.visit(
                                file.getKey() + ": " + type.getKey() + "." + resource.getKey(), type.getKey(), body);
                    }
                }
            }
        }
    }
}
