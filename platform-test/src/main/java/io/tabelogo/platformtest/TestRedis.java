package io.tabelogo.platformtest;

import java.util.HashMap;
import java.util.Map;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The test's own hand on its context's redis-server, as the all-powerful default user and straight to the server
 * (not through a fault proxy): to seed what another service would have written and to inspect what the service did,
 * while the service itself connects as its shipped user.
 */
public final class TestRedis implements AutoCloseable {

    private final PrivateRedisServer server;
    private final Map<Integer, LettuceConnectionFactory> connections = new HashMap<>();

    TestRedis(PrivateRedisServer server) {
        this.server = server;
    }

    /** Database 0 is the service's own, 5 the shared one (denylist, events). */
    public synchronized StringRedisTemplate database(int database) {
        LettuceConnectionFactory factory = connections.computeIfAbsent(database, db -> {
            var connection = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", server.port()));
            connection.setDatabase(db);
            connection.afterPropertiesSet();
            connection.start();
            return connection;
        });
        return new StringRedisTemplate(factory);
    }

    @Override
    public synchronized void close() {
        connections.values().forEach(LettuceConnectionFactory::destroy);
        connections.clear();
    }
}
