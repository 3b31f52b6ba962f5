package io.tabelogo.platformtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class PrivateRedisServerIntegrationTest {

    @Test
    void stopsAndStartsAgainOnTheSamePort() throws Exception {
        try (PrivateRedisServer redis = PrivateRedisServer.start()) {
            RedisClient client = RedisClient.create(redis.url(0));
            try (var connection = client.connect()) {
                assertThat(connection.sync().set("k", "v")).isEqualTo("OK");
            }

            redis.stop();
            assertThat(redis.isRunning()).isFalse();
            assertThatThrownBy(() -> new Socket("127.0.0.1", redis.port()).close())
                    .isInstanceOf(java.io.IOException.class);

            redis.startAgain();
            try (var connection = client.connect()) {
                assertThat(connection.sync().get("k"))
                        .as("nothing is persisted")
                        .isNull();
            } finally {
                client.shutdown();
            }
        }
    }
}
