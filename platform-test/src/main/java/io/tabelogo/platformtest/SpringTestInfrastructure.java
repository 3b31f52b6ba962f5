package io.tabelogo.platformtest;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Gives each Spring test application context that asks for it ({@link WithPostgres}, {@link WithRedis}) its own
 * database and its own redis-server, created with the context and removed when it closes. Being part of the
 * context's cache key, two test classes with the same configuration share one context and its infrastructure.
 */
public final class SpringTestInfrastructure implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        MergedAnnotations annotations = MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY);
        boolean postgres = annotations.isPresent(WithPostgres.class);
        boolean redis = annotations.isPresent(WithRedis.class);
        return postgres || redis ? new Infrastructure(postgres, redis) : null;
    }

    static boolean isSpringTest(Class<?> testClass) {
        return MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY).stream(ExtendWith.class)
                .anyMatch(extendWith ->
                        Arrays.asList(extendWith.getClassArray("value")).contains(SpringExtension.class));
    }

    private record Infrastructure(boolean postgres, boolean redis) implements ContextCustomizer {

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
                PrivateRedisServer server = PrivateRedisServer.start();
                addProperties(
                        context,
                        "tabelogo-test-redis",
                        Map.of(
                                "spring.data.redis.url", server.url(0),
                                "tabelogo.redis.shared-url", server.url(5)));
                register(context, "privateRedisServer", server, server::close);
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
