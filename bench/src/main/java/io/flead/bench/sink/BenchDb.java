package io.flead.bench.sink;

import io.flead.embedded.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The database the sink benchmark writes to: a server it started (zonky's PostgreSQL or a TimescaleDB, whose data
 * directory it meters) or one named by {@code --jdbc-url} ({@code dataDir} null: its CPU is not metered).
 */
record BenchDb(String jdbcUrl, String user, String password, Path dataDir, boolean timescale) {

    static BenchDb of(PostgresServer server, boolean timescale) {
        return new BenchDb(server.jdbcUrl(), server.credentials().getProperty("user"), server.password(),
                server.dataDir(), timescale);
    }

    Connection connect() throws SQLException {
        Properties credentials = new Properties();
        if (!jdbcUrl.contains("user=")) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, credentials);
    }

    /** The URL with one more {@code name=value} parameter. */
    String jdbcUrl(String parameter) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + parameter;
    }
}
