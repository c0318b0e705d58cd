package io.flead.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/** A PostgreSQL server that tests and tools start, stop and connect to: zonky's PostgreSQL 17 or a real TimescaleDB. */
public interface PostgresServer extends AutoCloseable {

    /** The JDBC URL of the server's default database, with the user but without any password. */
    String jdbcUrl();

    /** The JDBC URL of another database on this server, with the user but without any password. */
    String jdbcUrl(String database);

    /** Creates database {@code name} unless it exists (with the server's extensions), and returns its JDBC URL. */
    String createDatabase(String name);

    /** The superuser's password, or null when the server trusts local connections. */
    String password();

    /** {@code user} (and {@code password} when there is one) for a connection to a URL of this server. */
    default Properties credentials() {
        Properties credentials = new Properties();
        credentials.setProperty("user", EmbeddedPostgres.USER);
        if (password() != null) {
            credentials.setProperty("password", password());
        }
        return credentials;
    }

    /** A new connection to the default database. */
    default Connection connect() throws SQLException {
        return connect(jdbcUrl());
    }

    /** A new connection to {@code jdbcUrl}, a URL of this server. */
    default Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, credentials());
    }

    /** Starts the server again after {@link #stop()}, on the same port and data. */
    void start();

    /** Stops the server (fast shutdown), keeping its data. */
    void stop();

    /** Stops and starts the server on the same data directory and port. */
    default void restart() {
        stop();
        start();
    }

    int port();

    Path dataDir();

    /** The live postmaster serving this server's data directory; empty when none runs there. */
    default Optional<ProcessHandle> postmaster() {
        return EmbeddedPostgres.postmaster(dataDir());
    }

    /** Stops the server and deletes what it created for itself. */
    @Override
    void close();
}
