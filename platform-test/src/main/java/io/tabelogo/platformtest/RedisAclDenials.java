package io.tabelogo.platformtest;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import java.util.Map;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Fails a test class whose service was refused anything by its shipped Redis user (Redis' {@code ACL LOG}): a
 * service guards most Redis calls and falls back quietly, so a forgotten command would otherwise pass unseen.
 */
public final class RedisAclDenials implements TestExecutionListener {

    @Override
    public void afterTestClass(TestContext testContext) {
        if (!testContext.hasApplicationContext()
                || !testContext.getApplicationContext().containsBean("privateRedisServer")) {
            return;
        }
        PrivateRedisServer server =
                testContext.getApplicationContext().getBean("privateRedisServer", PrivateRedisServer.class);
        if (!server.isRunning()) {
            return;
        }
        RedisClient client = RedisClient.create(server.url(0));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<Map<String, Object>> denials = connection.sync().aclLog();
            connection.sync().aclLogReset(); // a shared context: report each denial to one test class only
            if (!denials.isEmpty()) {
                throw new AssertionError("the service's shipped Redis user (deploy/compose/redis/users.acl.template)"
                        + " was refused: " + denials);
            }
        } finally {
            client.shutdown();
        }
    }
}
