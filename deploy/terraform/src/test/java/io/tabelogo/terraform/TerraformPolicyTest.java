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
 * internet but the load balancer's 80 and 443; data encrypted at rest and keys rotated; prod protected from deletion
 * with a standby database; deploys that roll back; HTTPS behind a WAF; tasks that read only their own secrets.
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

    @Test
    void everythingThatStoresDataEncryptsItAndEveryKeyRotates() {
        Map<String, List<String>> unencrypted = new TreeMap<>();
        forEachResource((where, type, body) -> {
            boolean encrypted = switch (type) {
                case "aws_db_instance" -> body.path("storage_encrypted").asBoolean(false) && body.has("kms_key_id");
                case "aws_elasticache_replication_group" ->
                    body.path("at_rest_encryption_enabled").asBoolean(false)
                            && body.path("transit_encryption_enabled").asBoolean(false)
                            && body.has("kms_key_id");
                case "aws_secretsmanager_secret" -> body.has("kms_key_id");
                case "aws_cloudwatch_log_group" -> body.has("kms_key_id");
                case "aws_sns_topic" -> body.has("kms_master_key_id");
                case "aws_ssm_parameter" -> body.path("type").asString().equals("SecureString") && body.has("key_id");
                case "aws_kms_key" -> body.path("enable_key_rotation").asBoolean(false);
                default -> true;
            };
            if (!encrypted) {
                unencrypted.computeIfAbsent(type, t -> new ArrayList<>()).add(where);
            }
        });
        assertThat(unencrypted).isEmpty();
        // Every bucket has its encryption configuration (the load balancer's access logs: SSE-S3, all it accepts).
        List<String> buckets = new ArrayList<>();
        List<String> encryptedBuckets = new ArrayList<>();
        forEachResource((where, type, body) -> {
            if (type.equals("aws_s3_bucket")) {
                buckets.add(where.substring(where.lastIndexOf('.') + 1));
            }
            if (type.equals("aws_s3_bucket_server_side_encryption_configuration")) {
                encryptedBuckets.add(
                        body.path("bucket").asString().replaceAll("^\\$\\{aws_s3_bucket\\.([a-z_]+)\\.id}$", "$1"));
            }
        });
        assertThat(encryptedBuckets).containsExactlyInAnyOrderElementsOf(buckets);
    }

    @Test
    void prodKeepsItsDataWithDeletionProtectionAStandbyDatabaseAndRedisReplicasStagingCanBeTornDown() {
        JsonNode prod =
                files.get("envs/prod/main.tf").path("module").path("platform").get(0);
        JsonNode staging = files.get("envs/staging/main.tf")
                .path("module")
                .path("platform")
                .get(0);
        assertThat(prod.path("protect").asBoolean(false)).isTrue();
        assertThat(prod.path("database_multi_az").asBoolean(false)).isTrue();
        assertThat(prod.path("cache_replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(prod.path("single_nat_gateway").asBoolean(true)).isFalse();
        assertThat(staging.path("protect").asBoolean(true)).isFalse();

        // The switches reach the resources unchanged: platform -> modules -> the database, load balancer and logs.
        JsonNode platform = files.get("platform/main.tf").path("module");
        assertThat(platform.path("database").get(0).path("multi_az").asString()).isEqualTo("${var.database_multi_az}");
        for (String module : List.of("database", "edge", "services")) {
            assertThat(platform.path(module).get(0).path("deletion_protection").asString())
                    .as(module)
                    .isEqualTo("${var.protect}");
        }
        JsonNode database = resource("modules/database/main.tf", "aws_db_instance", "this");
        assertThat(database.path("multi_az").asString()).isEqualTo("${var.multi_az}");
        assertThat(database.path("deletion_protection").asString()).isEqualTo("${var.deletion_protection}");
        assertThat(database.path("skip_final_snapshot").asString()).isEqualTo("${!var.deletion_protection}");
        assertThat(resource("modules/edge/main.tf", "aws_lb", "this")
                        .path("enable_deletion_protection")
                        .asString())
                .isEqualTo("${var.deletion_protection}");
        JsonNode cache = resource("modules/cache/main.tf", "aws_elasticache_replication_group", "this");
        assertThat(cache.path("automatic_failover_enabled").asBoolean(false)).isTrue();
        assertThat(cache.path("multi_az_enabled").asBoolean(false)).isTrue();
    }

    @Test
    void theDatabaseLogsStatementsSlowerThan100msAndBoundsEveryStatement() {
        JsonNode parameters = resource("modules/database/main.tf", "aws_db_parameter_group", "this");
        Map<String, String> values = new TreeMap<>();
        parameters
                .path("parameter")
                .forEach(p ->
                        values.put(p.path("name").asString(), p.path("value").asString()));
        assertThat(values.get("log_min_duration_statement")).matches("\\$\\{(tostring\\()?var\\.slow_query_ms\\)?}");
        assertThat(values).containsEntry("rds.force_ssl", "1").containsKey("statement_timeout");
        assertThat(variable("modules/database/variables.tf", "slow_query_ms")
                        .path("default")
                        .asInt())
                .isEqualTo(100);
    }

    @Test
    void deploysRollBackOnFailureAndTheEdgeRedirectsToHttpsBehindAWaf() {
        JsonNode service = resource("modules/services/tasks.tf", "aws_ecs_service", "service");
        JsonNode breaker = service.path("deployment_circuit_breaker").get(0);
        assertThat(breaker.path("enable").asBoolean(false)).isTrue();
        assertThat(breaker.path("rollback").asBoolean(false)).isTrue();
        assertThat(service.path("deployment_minimum_healthy_percent").asInt()).isEqualTo(100);

        JsonNode http = resource("modules/edge/main.tf", "aws_lb_listener", "http");
        assertThat(http.path("default_action").get(0).path("type").asString()).isEqualTo("redirect");
        assertThat(http.path("default_action")
                        .get(0)
                        .path("redirect")
                        .get(0)
                        .path("protocol")
                        .asString())
                .isEqualTo("HTTPS");
        JsonNode https = resource("modules/edge/main.tf", "aws_lb_listener", "https");
        assertThat(https.path("protocol").asString()).isEqualTo("HTTPS");
        assertThat(variable("modules/edge/variables.tf", "ssl_policy")
                        .path("default")
                        .asString())
                .startsWith("ELBSecurityPolicy-TLS13-");
        String waf =
                resource("modules/edge/main.tf", "aws_wafv2_web_acl", "this").toString();
        assertThat(waf).contains("rate_based_statement", "AWSManagedRulesCommonRuleSet");
        assertThat(files.get("modules/edge/main.tf").path("resource").has("aws_wafv2_web_acl_association"))
                .isTrue();
    }

    @Test
    void aTaskMayReadOnlyItsOwnSecrets() {
        // Every statement granting secretsmanager:GetSecretValue names its secrets; none grants it on everything.
        List<String> grants = new ArrayList<>();
        for (var file : files.entrySet()) {
            Matcher statement = Pattern.compile("secretsmanager:GetSecretValue")
                    .matcher(file.getValue().toString());
            while (statement.find()) {
                grants.add(file.getKey());
            }
        }
        assertThat(grants).isNotEmpty();
        forEachResource((where, type, body) -> assertThat(body.toString())
                .as(where)
                .doesNotContainPattern("secretsmanager:(\\*|GetSecretValue)[^}]*Resource\\s*=\\s*\\\\\"\\*"));
        files.forEach((name, content) -> content.path("data")
                .path("aws_iam_policy_document")
                .properties()
                .forEach(document -> document.getValue()
                        .get(0)
                        .path("statement")
                        .forEach(s -> {
                            if (s.path("actions").toString().contains("secretsmanager:")) {
                                assertThat(s.path("resources").toString())
                                        .as(name + ": " + document.getKey())
                                        .doesNotContain("\"*\"");
                            }
                        })));
    }

    private static JsonNode resource(String file, String type, String name) {
        JsonNode body = files.get(file).path("resource").path(type).path(name);
        assertThat(body.isMissingNode()).as(file + ": " + type + "." + name).isFalse();
        return body.get(0);
    }

    private static JsonNode variable(String file, String name) {
        JsonNode body = files.get(file).path("variable").path(name);
        assertThat(body.isMissingNode()).as(file + ": variable " + name).isFalse();
        return body.get(0);
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
