package io.tabelogo.platformtest;

import org.junit.jupiter.api.extension.ExtensionContext;

/** A migrated database per plain JUnit test class ({@link WithPostgres}). */
final class PostgresExtension extends PerClassResource<TestDatabase> {

    PostgresExtension() {
        super(TestDatabase.class);
    }

    @Override
    TestDatabase create(ExtensionContext context) {
        TestDatabase database = TestPostgres.createDatabase();
        WithPostgres settings = context.getRequiredTestClass().getAnnotation(WithPostgres.class);
        if (settings != null && settings.migrations().length > 0) {
            database.migrate(settings.migrations());
        }
        return database;
    }

    @Override
    void release(TestDatabase database) {
        TestPostgres.drop(database);
    }
}
