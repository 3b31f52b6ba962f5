package io.tabelogo.platformtest;

import org.junit.jupiter.api.extension.ExtensionContext;

/** A private redis-server per plain JUnit test class ({@link WithRedis}). */
final class RedisExtension extends PerClassResource<PrivateRedisServer> {

    RedisExtension() {
        super(PrivateRedisServer.class);
    }

    @Override
    PrivateRedisServer create(ExtensionContext context) {
        return PrivateRedisServer.start();
    }

    @Override
    void release(PrivateRedisServer server) {
        server.close();
    }
}
