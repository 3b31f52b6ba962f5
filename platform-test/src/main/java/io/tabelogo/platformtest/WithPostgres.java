package io.tabelogo.platformtest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test its own PostgreSQL database, dropped afterwards.
 *
 * <p>Plain JUnit test: one database per test class, migrated from {@link #migrations()}, injectable as a
 * {@link TestDatabase} parameter. Spring test: one database per application context (so Spring's context cache
 * still shares contexts between classes), exposed as {@code spring.datasource.*}; the application's own Flyway
 * runs the migrations, and the database is dropped when the context closes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PostgresExtension.class)
public @interface WithPostgres {

    /** Flyway locations applied for plain JUnit tests; none by default. */
    String[] migrations() default {};
}
