package io.tabelogo.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * A production start (profile {@code prod}) reading its secrets from each store the platform supports — files as
 * Kubernetes mounts them, AWS Secrets Manager (Spring Cloud AWS), HashiCorp Vault (Spring Cloud Vault) — over real
 * HTTP with the stores' real clients. No AWS account or Vault server runs here: each store is a stand-in HTTP server
 * speaking the store's API (Secrets Manager's GetSecretValue, Vault's KV version 2), checking the client's identity
 * (the SigV4 signature's access key and region, the Vault token). Every start's log is checked for every secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretSourcesIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String keyPassword = random();
    private final String dbPassword = random();
    private final String redisPassword = random();
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();
    private MockWebServer store;

    @AfterEach
    void stop() {
        started.forEach(ConfigurableApplicationContext::close);
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aProductionStartReadsItsSecretsFromFilesMountedAsKubernetesDoes(@TempDir Path dir, CapturedOutput output)
            throws IOException {
        Files.writeString(dir.resolve("TABELOGO_AUTH_KEY_PASSWORD"), keyPassword);
        Files.writeString(dir.resolve("TABELOGO_DB_PASSWORD"), dbPassword);
        Files.writeString(dir.resolve("TABELOGO_REDIS_URL"), redisUrl(0));
        Files.writeString(dir.resolve("TABELOGO_SHARED_REDIS_URL"), redisUrl(5));

        Environment environment = startInProduction(
                "--spring.config.import=configtree:" + dir.toAbsolutePath() + "/", "--TABELOGO_DB_USER=tabelogo_auth");

        assertSecretsReached(environment);
        assertNoSecretIn(output);
    }

    @Test
    void aProductionStartReadsItsSecretsFromAwsSecretsManager(CapturedOutput output) throws Exception {
        List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
        Map<String, String> secrets = Map.of(
                "tabelogo-test/auth-service/app",
                JSON.writeValueAsString(Map.of(
                        "TABELOGO_AUTH_KEY_PASSWORD", keyPassword,
                        "TABELOGO_REDIS_URL", redisUrl(0),
                        "TABELOGO_SHARED_REDIS_URL", redisUrl(5))),
                // The format of Secrets Manager's PostgreSQL rotation functions, as deploy/terraform stores it.
                "tabelogo-test/auth-service/database",
                JSON.writeValueAsString(Map.of(
                        "engine", "postgres",
                        "host", "db.internal",
                        "port", 5432,
                        "username", "tabelogo_auth_clone",
                        "password", dbPassword,
                        "dbname", "tabelogo_auth")));
        store = serve(request -> {
            requests.add(request);
            String target = request.getHeaders().get("X-Amz-Target");
            if (!"secretsmanager.GetSecretValue".equals(target)) {
                return awsError(400, "UnknownOperationException");
            }
            String id = JSON.readTree(request.getBody().utf8()).path("SecretId").asString();
            String secret = secrets.get(id);
            return secret == null
                    ? awsError(400, "ResourceNotFoundException")
                    : new MockResponse.Builder()
                            .addHeader("Content-Type", "application/x-amz-json-1.1")
                            .body(JSON.writeValueAsString(Map.of(
                                    "ARN",
                                    "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:" + id,
                                    "Name",
                                    id,
                                    "SecretString",
                                    secret,
                                    "VersionId",
                                    "v1")))
                            .build();
        });

        Environment environment = startInProduction(
                "--spring.config.import=aws-secretsmanager:tabelogo-test/auth-service/app;"
                        + "tabelogo-test/auth-service/database?prefix=tabelogo.db.secret.",
                "--spring.cloud.aws.secretsmanager.endpoint=http://127.0.0.1:" + store.getPort(),
                "--spring.cloud.aws.region.static=ap-northeast-1",
                "--spring.cloud.aws.credentials.access-key=AKIDTABELOGOTEST",
                "--spring.cloud.aws.credentials.secret-key=" + random());

        assertSecretsReached(environment);
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("tabelogo_auth_clone");
        assertThat(requests)
                .hasSize(2)
                .allSatisfy(request -> assertThat(request.getHeaders().get("Authorization"))
                        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDTABELOGOTEST/")
                        .contains("/ap-northeast-1/secretsmanager/aws4_request"));
        assertNoSecretIn(output);
    }

    @Test
    void aProductionStartReadsItsSecretsFromVault(CapturedOutput output) throws Exception {
        String token = random();
        List<String> paths = new CopyOnWriteArrayList<>();
        String secret = JSON.writeValueAsString(Map.of(
                "data",
                Map.of(
                        "data",
                        Map.of(
                                "TABELOGO_AUTH_KEY_PASSWORD",
                                keyPassword,
                                "TABELOGO_DB_PASSWORD",
                                dbPassword,
                                "TABELOGO_REDIS_URL",
                                redisUrl(0),
                                "TABELOGO_SHARED_REDIS_URL",
                                redisUrl(5)),
                        "metadata",
                        Map.of("version", 3))));
        store = serve(request -> {
            String path = request.getTarget();
            paths.add(path);
            if (!token.equals(request.getHeaders().get("X-Vault-Token"))) {
                return json(403, "{\"errors\":[\"permission denied\"]}");
            }
            if (path.equals("/v1/auth/token/lookup-self")) {
                return json(200, "{\"data\":{\"ttl\":3600,\"renewable\":false,\"policies\":[\"auth-service\"]}}");
            }
            if (path.startsWith("/v1/sys/internal/ui/mounts/secret/")) {
                // How the client learns that "secret/" is the versioned key-value engine (paths gain "data/").
                return json(200, "{\"data\":{\"path\":\"secret/\",\"type\":\"kv\",\"options\":{\"version\":\"2\"}}}");
            }
            return path.equals("/v1/secret/data/auth-service") ? json(200, secret) : json(404, "{\"errors\":[]}");
        });

        Environment environment = startInProduction(
                "--spring.config.import=vault://",
                "--spring.application.name=auth-service",
                "--spring.cloud.vault.uri=http://127.0.0.1:" + store.getPort(),
                "--spring.cloud.vault.authentication=TOKEN",
                "--spring.cloud.vault.token=" + token,
                "--spring.cloud.vault.kv.backend=secret",
                "--TABELOGO_DB_USER=tabelogo_auth");

        assertSecretsReached(environment);
        assertThat(paths).contains("/v1/secret/data/auth-service");
        assertNoSecretIn(output, token);
    }

    @Test
    void aProductionStartWithAMissingOrWeakSecretIsRefusedNamingEachNeverItsValue(CapturedOutput output) {
        String weak = "Tabel0go-2026!";
        String placeholder = "changeme-changeme-changeme";
        String guessable = "qwertyuiopasdfghjkl";
        String bareSecret = random();
        assertThatThrownBy(() -> startInProduction(
                        "--TABELOGO_AUTH_KEY_PASSWORD=" + weak,
                        "--TABELOGO_SERVICE_SECRET=" + placeholder,
                        // The second entry lacks its "client-id:": it may be a bare secret, never to be echoed.
                        "--tabelogo.auth.service-tokens.clients=restaurant-service:" + guessable + "," + bareSecret,
                        "--TABELOGO_REDIS_URL=redis://127.0.0.1:6379/0",
                        // A password without a user name is Redis' default user's, as Spring Boot and Lettuce read it.
                        "--TABELOGO_SHARED_REDIS_URL=rediss://" + redisPassword + "@cache:6379/5"))
                .isInstanceOf(UnsafeSecretsException.class)
                .satisfies(failure -> assertThat(((UnsafeSecretsException) failure).problems())
                        .containsExactly(
                                "TABELOGO_DB_PASSWORD: missing",
                                "TABELOGO_DB_USER: the development default \"postgres\", a superuser; give the service"
                                        + " its own role",
                                "TABELOGO_REDIS_URL: carries no password (redis[s]://<user>:<password>@<host>:<port>/<db>)",
                                "TABELOGO_AUTH_KEY_PASSWORD: too weak: 14 characters, at least 16 needed",
                                "TABELOGO_SERVICE_CLIENTS (restaurant-service's secret): too weak: guessable in about"
                                        + " 10^4 tries, at least 10^14 needed",
                                "TABELOGO_SERVICE_CLIENTS: entry 2 is not client-id:secret",
                                "TABELOGO_SERVICE_SECRET: a development or placeholder value (it contains"
                                        + " \"changeme\")"));
        assertThat(output)
                .contains(
                        "APPLICATION FAILED TO START", "The prod profile refuses these secrets", "TABELOGO_DB_PASSWORD")
                .doesNotContain(weak, placeholder, guessable, bareSecret, redisPassword);
    }

    @Test
    void withoutTheProdProfileNothingIsJudged() {
        Environment environment = start(List.of(), "--TABELOGO_AUTH_KEY_PASSWORD=dev");

        assertThat(environment.getProperty("tabelogo.auth.tokens.key-password")).isEqualTo("dev");
    }

    private Environment startInProduction(String... arguments) {
        return start(List.of(ProductionSecrets.PROFILE), arguments);
    }

    /** A bare application (no beans) with auth-service's secret settings, as its application.yaml declares them. */
    private Environment start(List<String> profiles, String... arguments) {
        List<String> all = new ArrayList<>(List.of(
                "--spring.datasource.url=jdbc:postgresql://db.internal:5432/tabelogo_auth",
                "--tabelogo.auth.tokens.key-password=${TABELOGO_AUTH_KEY_PASSWORD:}",
                "--spring.data.redis.url=${TABELOGO_REDIS_URL:redis://127.0.0.1:6379/0}",
                "--spring.main.banner-mode=off"));
        all.addAll(List.of(arguments));
        var context = new SpringApplicationBuilder(NoBeans.class)
                .web(WebApplicationType.NONE)
                .profiles(profiles.toArray(String[]::new))
                .run(all.toArray(String[]::new));
        started.add(context);
        return context.getEnvironment();
    }

    private void assertSecretsReached(Environment environment) {
        assertThat(environment.getProperty("tabelogo.auth.tokens.key-password")).isEqualTo(keyPassword);
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo(dbPassword);
        assertThat(environment.getProperty("spring.data.redis.url")).isEqualTo(redisUrl(0));
        assertThat(environment.getProperty("tabelogo.redis.shared-url")).isEqualTo(redisUrl(5));
    }

    private void assertNoSecretIn(CapturedOutput output, String... more) {
        assertThat(output.getAll()).isNotEmpty().doesNotContain(keyPassword, dbPassword, redisPassword);
        for (String secret : more) {
            assertThat(output.getAll()).doesNotContain(secret);
        }
    }

    private String redisUrl(int database) {
        return "rediss://auth-service:" + redisPassword + "@cache.internal:6379/" + database;
    }

    private static MockWebServer serve(Answer answer) throws IOException {
        var server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    return answer.to(request);
                } catch (Exception e) {
                    return new MockResponse.Builder()
                            .code(500)
                            .body(e.toString())
                            .build();
                }
            }
        });
        server.start();
        return server;
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private static MockResponse awsError(int status, String type) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/x-amz-json-1.1")
                .body("{\"__type\":\"" + type + "\",\"message\":\"" + type + "\"}")
                .build();
    }

    private static String random() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private interface Answer {
        MockResponse to(RecordedRequest request) throws Exception;
    }

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {}
}
