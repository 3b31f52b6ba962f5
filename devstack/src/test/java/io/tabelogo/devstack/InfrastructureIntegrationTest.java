package io.tabelogo.devstack;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfrastructureIntegrationTest {

    @TempDir
    Path root;

    @Test
    void usesTheMachinesPostgresAndRedisWhenTheyAnswer() throws Exception {
        var defaults = Settings.fromEnvironment(Map.of());
        assumeTrue(
                new PostgresEndpoint("127.0.0.1", 5432, "postgres", "", false)
                        .loginProblem()
                        .isEmpty(),
                "needs a local PostgreSQL that lets postgres log in without a password");
        assumeTrue(new RedisEndpoint("127.0.0.1", 6379, false).answersPing(), "needs a local Redis");

        try (var infrastructure = Infrastructure.start(defaults, new StackHome(root))) {
            assertThat(infrastructure.postgres())
                    .isEqualTo(new PostgresEndpoint("127.0.0.1", 5432, "postgres", "", false));
            assertThat(infrastructure.redis()).isEqualTo(new RedisEndpoint("127.0.0.1", 6379, false));
            assertThat(infrastructure.redisBinary()).isEmpty();
            assertThat(infrastructure.postgresProcess()).isEmpty(); // the machine's: never stopped by the stack
            assertThat(infrastructure.redisProcess()).isEmpty();
        }
        assertThat(root.resolve(".tabelogo/postgres")).doesNotExist();
    }

    @Test
    void startsEmbeddedPostgresAndPrivateRedisWhenNoneAnswersAndKeepsTheirDataAcrossRestarts() throws Exception {
        // Nothing listens on the "local" ports, as on a machine without PostgreSQL and Redis.
        var settings =
                new Settings(FreePorts.next(), "postgres", "", FreePorts.next(), FreePorts.next(), FreePorts.next());
        var home = new StackHome(root);

        try (var infrastructure = Infrastructure.start(settings, home)) {
            var postgres = infrastructure.postgres();
            assertThat(postgres.embedded()).isTrue();
            assertThat(postgres.port()).isEqualTo(settings.embeddedPostgresPort());
            assertThat(setting(postgres, "fsync")).isEqualTo("on");
            assertThat(setting(postgres, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(postgres, "unix_socket_directories"))
                    .isEqualTo(home.postgresSocketDir().toAbsolutePath().toString());
            assertThat(home.postgresSocketDir().resolve(".s.PGSQL." + postgres.port()))
                    .exists();
            assertThat(infrastructure.postgresProcess().flatMap(ProcessIdentity::find))
                    .isEqualTo(home.embeddedPostmaster());
            assertThat(postgres.createDatabaseIfMissing("tabelogo_it")).isTrue();
            try (var connection = postgres.connect("tabelogo_it");
                    var statement = connection.createStatement()) {
                statement.execute("create table visit (place text)");
                statement.execute("insert into visit values ('Sushi Dai')");
            }
            var redis = infrastructure.redis();
            assertThat(redis.embedded()).isTrue();
            assertThat(redis.port()).isEqualTo(settings.privateRedisPort());
            assertThat(infrastructure.redisProcess().flatMap(ProcessIdentity::find))
                    .isPresent();
            assertThat(redisCommand(redis, "SET", "tabelogo:it", "kept")).isEqualTo("+OK");
        }
        assertThat(new PostgresEndpoint("127.0.0.1", settings.embeddedPostgresPort(), "postgres", "", true)
                        .loginProblem())
                .isPresent();
        assertThat(new RedisEndpoint("127.0.0.1", settings.privateRedisPort(), true).answersPing())
                .isFalse();

        try (var infrastructure = Infrastructure.start(settings, home)) {
            assertThat(infrastructure.postgres().createDatabaseIfMissing("tabelogo_it"))
                    .isFalse();
            try (var connection = infrastructure.postgres().connect("tabelogo_it");
                    var rows = connection.createStatement().executeQuery("select place from visit")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("Sushi Dai");
            }
            assertThat(redisCommand(infrastructure.redis(), "GET", "tabelogo:it"))
                    .isEqualTo("$4");
        }
    }

    private static String setting(PostgresEndpoint postgres, String name) throws Exception {
        try (var connection = postgres.connect("postgres");
                var rows = connection.createStatement().executeQuery("show " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Sends one RESP command and returns the first line of the reply ("+OK", "$4" for a 4-byte string, ...). */
    private static String redisCommand(RedisEndpoint redis, String... command) throws Exception {
        var request = new StringBuilder("*" + command.length + "\r\n");
        for (String part : command) {
            request.append('$')
                    .append(part.length())
                    .append("\r\n")
                    .append(part)
                    .append("\r\n");
        }
        try (var socket = new Socket(redis.host(), redis.port())) {
            socket.getOutputStream().write(request.toString().getBytes(US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII)).readLine();
        }
    }
}
