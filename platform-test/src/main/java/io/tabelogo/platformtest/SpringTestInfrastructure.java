package io.tabelogo.platformtest;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.util.ClassUtils;

/**
 * Gives each Spring test application context that asks for it ({@link WithPostgres}, {@link WithRedis}) its own
 * database and its own redis-server, created with the context and removed when it closes. Being part of the
 * context's cache key, two test classes with the same configuration share one context and its infrastructure.
 */
public final class SpringTestInfrastructure implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        // Enclosing classes too: a @Nested class shares its enclosing class's context and must not escape to
        // the developer's own database.
        MergedAnnotations annotations = annotationsOf(testClass);
        boolean postgres = annotations.isPresent(WithPostgres.class);
        MergedAnnotation<WithRedis> redis = annotations.get(WithRedis.class);
        if (!postgres && !redis.isPresent()) {
            return null;
        }
        return new Infrastructure(postgres, redis.isPresent(), redis.isPresent() && redis.getBoolean("faultProxy"));
    }

    static boolean isSpringTest(Class<?> testClass) {
        return annotationsOf(testClass).stream(ExtendWith.class)
                .anyMatch(extendWith ->
                        Arrays.asList(extendWith.getClassArray("value")).contains(SpringExtension.class));
    }

    private static MergedAnnotations annotationsOf(Class<?> testClass) {
        return MergedAnnotations.search(SearchStrategy.TYPE_HIERARCHY)
                .withEnclosingClasses(ClassUtils::isInnerClass)
                .from(testClass);
    }

    private record Infrastructure(boolean postgres, boolean redis, boolean redisFaultProxy)
            implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            if (postgres) {
                TestDatabase database = TestPostgres.createDatabase();
                addProperties(
                        context,
                        "tabelogo-test-postgres",
                        Map.of(
                                "spring.datasource.url", database.url(),
                                "spring.datasource.username", database.username(),
                                "spring.datasource.password", database.password()));
                register(context, "testDatabase", database, () -> TestPostgres.drop(database));
            }
            if (redis) {
                // A service connects as its shipped Redis user, so a command or key its rules forgot fails here
                // (RedisAclDenials makes the test class fail even where the service falls back quietly).
                String service = context.getEnvironment().getProperty("spring.application.name", "");
                ShippedRedisUsers users = ShippedRedisUsers.withTestAdmin();
                PrivateRedisServer server = PrivateRedisServer.start(users.has(service) ? users.aclFile() : null);
                register(context, "privateRedisServer", server, server::close);
                TestRedis testRedis = new TestRedis(server);
                register(context, "testRedis", testRedis, testRedis::close);
                int port = server.port();
                if (redisFaultProxy) {
                    FaultProxy proxy = FaultProxy.start("127.0.0.1", server.port());
                    register(context, "redisFaultProxy", proxy, proxy::close);
                    port = proxy.port();
                }
                String user = users.has(service) ? service + ":" + users.password(service) + "@" : "";
                addProperties(
                        context,
                        "tabelogo-test-redis",
                        Map.of(
                                "spring.data.redis.url", "redis://" + user + "127.0.0.1:" + port + "/0",
                                "tabelogo.redis.shared-url", "redis://" + user + "127.0.0.1:" + port + "/5"));
            }
        }

        private static void addProperties(
                ConfigurableApplicationContext context, String name, Map<String, Object> properties) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(name, properties));
        }

        // Registered before any application bean, so destroyed after them: pools are closed before cleanup runs.
        private static void register(
                ConfigurableApplicationContext context, String name, Object bean, DisposableBean cleanup) {
            var beanFactory = (DefaultSingletonBeanRegistry) context.getBeanFactory();
            beanFactory.registerSingleton(name, bean);
            beanFactory.registerDisposableBean(name, cleanup);
        }
    }
}
