package io.tabelogo.platformtest;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A resource made before a plain JUnit test class and released after it, injectable as a parameter. @Nested
 * classes use their enclosing class's; Spring tests are left to {@link SpringTestInfrastructure} (one per context).
 */
abstract class PerClassResource<T> implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final Class<T> type;

    PerClassResource(Class<T> type) {
        this.type = type;
    }

    abstract T create(ExtensionContext context);

    abstract void release(T resource);

    @Override
    public void beforeAll(ExtensionContext context) {
        boolean inherited = store(context).get(type, type) != null; // stores see their ancestors' entries
        if (!inherited && !SpringTestInfrastructure.isSpringTest(context.getRequiredTestClass())) {
            store(context).put(type, create(context));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        T resource = store(context).remove(type, type); // this context's own entry only
        if (resource != null) {
            release(resource);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type
                && !SpringTestInfrastructure.isSpringTest(context.getRequiredTestClass());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return store(context).get(type, type);
    }

    private ExtensionContext.Store store(ExtensionContext context) {
        return context.getStore(ExtensionContext.Namespace.create(getClass()));
    }
}
