package io.tabelogo.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;

/** A PostgreSQL server the stack uses: the machine's own, or the embedded one (user postgres, trust auth). */
record PostgresEndpoint(String host, int port, String user, String password, boolean embedded) {

    /** Short, so that probing a port where nothing (or something else) listens does not stall {@code up}. */
    private static final int TIMEOUT_SECONDS = 2;

    /** The password masked: records print every component, and an endpoint may end up in a log or a message. */
    @Override
    public String toString() {
        return "PostgresEndpoint[host=%s, port=%d, user=%s, password=%s, embedded=%b]"
                .formatted(host, port, user, Settings.mask(password), embedded);
    }

    String address() {
        return host + ":" + port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://%s/%s".formatted(address(), database);
    }

    Connection connect(String database) throws SQLException {
        var source = new PGSimpleDataSource();
        source.setServerNames(new String[] {host});
        source.setPortNumbers(new int[] {port});
        source.setDatabaseName(database);
        source.setUser(user);
        source.setPassword(password);
        source.setConnectTimeout(TIMEOUT_SECONDS);
        source.setLoginTimeout(TIMEOUT_SECONDS);
        return source.getConnection();
    }

    /** Empty if the server accepts our login, else why not (nothing listening, password refused, ...). */
    Optional<String> loginProblem() {
        try (var ignored = connect("postgres")) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Whether anything at all accepts connections on the port, PostgreSQL or not. */
    boolean portInUse() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_SECONDS * 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Returns whether the database had to be created. */
    boolean createDatabaseIfMissing(String database) throws SQLException {
        try (var connection = connect("postgres");
                var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (var rows = exists.executeQuery()) {
                if (rows.next()) {
                    return false;
                }
            }
            try (var create = connection.createStatement()) {
                // A name cannot be a bind parameter; ServiceRegistry admits only [a-z0-9_] database names.
                create.execute("create database \"" + database + "\"");
            }
            return true;
        }
    }
}
