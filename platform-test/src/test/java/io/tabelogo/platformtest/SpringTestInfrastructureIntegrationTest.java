package io.tabelogo.platformtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.net.Socket;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.MergedContextConfiguration;

/** The context customizer on a real (minimal) Spring context: what it creates, and that closing removes it. */
class SpringTestInfrastructureIntegrationTest {

    @WithPostgres
    @WithRedis(faultProxy = true)
    static class AskingForBoth {
        class Inner {}
    }

    static class AskingForNothing {}

    @Test
    void contextGetsItsOwnDatabaseAndRedisBehindAProxyAndLosesThemOnClose() throws Exception {
        var customizer = new SpringTestInfrastructure().createContextCustomizer(AskingForBoth.class, List.of());
        var context = new GenericApplicationContext();
        customizer.customizeContext(context, (MergedContextConfiguration) null);
        context.refresh();

        var environment = context.getEnvironment();
        TestDatabase database = context.getBean(TestDatabase.class);
        PrivateRedisServer redis = context.getBean(PrivateRedisServer.class);
        FaultProxy proxy = context.getBean(FaultProxy.class);
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo(database.url());
        assertThat(environment.getProperty("spring.data.redis.url"))
                .isEqualTo("redis://127.0.0.1:" + proxy.port() + "/0");
        assertThat(environment.getProperty("tabelogo.redis.shared-url")).endsWith(proxy.port() + "/5");
        var client = RedisClient.create(environment.getProperty("spring.data.redis.url"));
        try (var connection = client.connect()) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        } finally {
            client.shutdown();
        }

        context.close();

        assertThatThrownBy(() -> DriverManager.getConnection(database.url(), database.username(), database.password())
                        .close())
                .hasMessageContaining("does not exist");
        assertThat(redis.isRunning()).isFalse();
        assertThatThrownBy(() -> new Socket("127.0.0.1", redis.port()).close()).isInstanceOf(IOException.class);
    }

    @Test
    void classesThatAskForNothingGetNothing() {
        assertThat(new SpringTestInfrastructure().createContextCustomizer(AskingForNothing.class, List.of()))
                .isNull();
    }

    @Test
    void nestedClassesGetTheSameInfrastructureAsTheirEnclosingClass() {
        var factory = new SpringTestInfrastructure();

        assertThat(factory.createContextCustomizer(AskingForBoth.Inner.class, List.of()))
                .isEqualTo(factory.createContextCustomizer(AskingForBoth.class, List.of()));
    }
}
