package io.tabelogo.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateRedisIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void bundledRedisServerRunsWhenTheMachineHasNone() throws Exception {
        Path binary = PrivateRedis.bundledBinary(dir.resolve("bin"));
        var endpoint = new RedisEndpoint("127.0.0.1", FreePorts.next(), true);

        try (var ignored = PrivateRedis.start(binary, endpoint, dir.resolve("data"), dir.resolve("redis.log"))) {
            assertThat(endpoint.answersPing()).isTrue();
        }
        assertThat(endpoint.answersPing()).isFalse();
        assertThat(dir.resolve("data")).isNotEmptyDirectory(); // the append-only file
    }

    @Test
    void refusesAPortWhereARedisAlreadyAnswers() throws Exception {
        var local = new RedisEndpoint("127.0.0.1", 6379, false);
        assumeTrue(local.answersPing(), "needs a local Redis");

        assertThatIllegalStateException()
                .isThrownBy(() -> PrivateRedis.start(
                        PrivateRedis.bundledBinary(dir.resolve("bin")), local, dir.resolve("data"), dir.resolve("log")))
                .withMessageStartingWith("a Redis already answers on 127.0.0.1:6379");
    }
}
