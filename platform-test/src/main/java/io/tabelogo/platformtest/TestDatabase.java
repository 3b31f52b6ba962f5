package io.tabelogo.platformtest;

import org.flywaydb.core.Flyway;

/** A throwaway database created for tests. */
public record TestDatabase(String name, String url, String username, String password) {

    /** Applies the Flyway migrations found at the given locations (e.g. {@code classpath:db/migration}). */
    public void migrate(String... locations) {
        Flyway.configure()
                .dataSource(url, username, password)
                .locations(locations)
                .load()
                .migrate();
    }
}
