package io.tabelogo.platformtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real Redis behind the proxy, reached with a real Lettuce client: what later chaos tests will do. */
@WithRedis
class FaultProxyIntegrationTest {

    private FaultProxy proxy;
    private RedisClient client;

    @BeforeEach
    void start(PrivateRedisServer redis) {
        proxy = FaultProxy.start("127.0.0.1", redis.port());
        client = RedisClient.create(RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(proxy.port())
                .withTimeout(Duration.ofMillis(200))
                .build());
    }

    @AfterEach
    void stop() {
        client.shutdown();
        proxy.close();
    }

    @Test
    void transparentByDefault() {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        }
    }

    @Test
    void latencyBeyondTheClientTimeoutMakesCommandsTimeOut() {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            proxy.setLatency(Duration.ofMillis(400));
            assertThatThrownBy(() -> connection.sync().ping()).hasMessageContaining("timed out");
        }
        proxy.heal();
        try (StatefulRedisConnection<String, String> fresh = client.connect()) {
            assertThat(fresh.sync().set("k", "v")).isEqualTo("OK");
        }
    }

    @Test
    void cutConnectionsBreakOpenOnes() {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().ping();
            proxy.setRefusing(true);
            proxy.cutConnections();

            assertThatThrownBy(() -> connection.sync().ping()).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void refusingMakesNewConnectionsFail() {
        proxy.setRefusing(true);

        assertThatThrownBy(() -> client.connect().sync().ping()).isInstanceOf(RuntimeException.class);
    }
}
