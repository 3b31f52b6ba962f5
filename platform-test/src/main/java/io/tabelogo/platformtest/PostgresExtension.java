package io.tabelogo.platformtest;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Database per test class for plain JUnit tests; Spring tests get theirs from {@link SpringTestInfrastructure}. */
final class PostgresExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        if (SpringTestInfrastructure.isSpringTest(context.getRequiredTestClass())) {
            return;
        }
        if (context.getStore(NAMESPACE).get(TestDatabase.class, TestDatabase.class) != null) {
            return; // a @Nested class uses its enclosing class's database
        }
        WithPostgres settings = context.getRequiredTestClass().getAnnotation(WithPostgres.class);
        TestDatabase database = TestPostgres.createDatabase();
        context.getStore(NAMESPACE).put(TestDatabase.class, database);
        if (settings != null && settings.migrations().length > 0) {
            database.migrate(settings.migrations());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // remove() sees only this context's own entry: an enclosing class's database outlives its @Nested classes.
        TestDatabase database = context.getStore(NAMESPACE).remove(TestDatabase.class, TestDatabase.class);
        if (database != null) {
            TestPostgres.drop(database);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class
                && !SpringTestInfrastructure.isSpringTest(context.getRequiredTestClass());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(TestDatabase.class, TestDatabase.class);
    }
}
