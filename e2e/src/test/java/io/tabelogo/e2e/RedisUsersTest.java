package io.tabelogo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.tabelogo.platformtest.PrivateRedisServer;
import io.tabelogo.platformtest.ShippedRedisUsers;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped Redis users on a real redis-server: each service reaches its own keys, reads the session denylist,
 * and nothing else; only auth-service writes the denylist and only spider-service adds events. (The end-to-end
 * platform runs every service as its user, so what the services really do is checked there.)
 */
class RedisUsersTest {

    private static final ShippedRedisUsers USERS = ShippedRedisUsers.asShipped();
    private static final PrivateRedisServer REDIS = PrivateRedisServer.start(USERS.aclFile());

    @AfterAll
    static void stop() {
        REDIS.close();
    }

    @Test
    void onlyAuthServiceWritesTheSessionDenylistAndEveryoneReadsIt() {
        assertThat(as("auth-service").set("auth:revoked-session:s1", "1")).isEqualTo("OK");
        for (String service : new String[] {"gateway", "map-service", "restaurant-service", "spider-service"}) {
            assertThat(as(service).exists("auth:revoked-session:s1"))
                    .as(service)
                    .isOne();
            assertRefused(() -> as(service).set("auth:revoked-session:s2", "1"));
        }
    }

    @Test
    void onlySpiderServiceAddsEventsAndRestaurantServiceConsumesThem() {
        String stream = "tabelogo:events:spider";
        as("spider-service").xadd(stream, Map.of("event", "{}"));
        assertRefused(() -> as("restaurant-service").xadd(stream, Map.of("event", "{\"planted\": true}")));
        assertRefused(() -> as("gateway").xadd(stream, Map.of("event", "{}")));

        RedisCommands<String, String> restaurant = as("restaurant-service");
        restaurant.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), "restaurant-service");
        var read = restaurant.xreadgroup(
                io.lettuce.core.Consumer.from("restaurant-service", "c1"), XReadArgs.StreamOffset.lastConsumed(stream));
        assertThat(read).hasSize(1);
        assertThat(restaurant.xack(stream, "restaurant-service", read.getFirst().getId()))
                .isOne();
        assertThat(restaurant.xadd("restaurant:tabelog-events:dead-letter", Map.of("entry", "x")))
                .isNotBlank();
    }

    @Test
    void spiderServicesSharedTabelogRateRunsOnRedisClock() {
        // TabelogRateLimit's script reads Redis' TIME: the one clock every replica shares.
        Object answer = as("spider-service")
                .eval(
                        "redis.call('HSET', KEYS[1], 'at', redis.call('TIME')[1]) return 1",
                        io.lettuce.core.ScriptOutputType.INTEGER,
                        "spider:ratelimit:tabelog");
        assertThat(answer).isEqualTo(1L);
    }

    @Test
    void eachServiceStaysWithinItsOwnPrefixAndDangerousCommandsAreOffForAll() {
        assertThat(as("map-service").set("map:place:x", "1")).isEqualTo("OK");
        assertRefused(() -> as("map-service").set("restaurant:v1:x", "1"));
        assertRefused(() -> as("restaurant-service").get("map:place:x"));
        assertRefused(() -> as("gateway").set("spider:ratelimit:tabelog", "1"));
        for (String service : ShippedRedisUsers.PLACEHOLDERS.keySet()) {
            assertRefused(() -> as(service).flushall());
            assertRefused(() -> as(service).keys("*"));
            assertRefused(() -> as(service).configGet("*"));
        }
        // Without a user: the default user is off.
        assertThatThrownBy(() -> RedisClient.create("redis://127.0.0.1:" + REDIS.port())
                        .connect()
                        .sync()
                        .get("auth:revoked-session:s1"))
                .isInstanceOf(io.lettuce.core.RedisException.class)
                .hasStackTraceContaining("NOAUTH");
    }

    private static RedisCommands<String, String> as(String service) {
        return RedisClient.create(REDIS.url(5, service, USERS.password(service)))
                .connect()
                .sync();
    }

    private static void assertRefused(Runnable command) {
        assertThatThrownBy(command::run)
                .isInstanceOf(RedisCommandExecutionException.class)
                .message()
                .containsAnyOf("NOPERM", "NOAUTH");
    }
}
