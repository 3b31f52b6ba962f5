package io.tabelogo.platformtest;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** A redis-server per test class for plain JUnit tests; Spring tests get theirs from {@link SpringTestInfrastructure}. */
final class RedisExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        boolean inherited = context.getStore(NAMESPACE).get(PrivateRedisServer.class, PrivateRedisServer.class) != null;
        if (!inherited && !SpringTestInfrastructure.isSpringTest(context.getRequiredTestClass())) {
            context.getStore(NAMESPACE).put(PrivateRedisServer.class, PrivateRedisServer.start());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        PrivateRedisServer server =
                context.getStore(NAMESPACE).remove(PrivateRedisServer.class, PrivateRedisServer.class);
        if (server != null) {
            server.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PrivateRedisServer.class
                && !SpringTestInfrastructure.isSpringTest(context.getRequiredTestClass());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(PrivateRedisServer.class, PrivateRedisServer.class);
    }
}
