package io.flead.connect.timescale;

import io.flead.connect.timescale.core.PostgresDialect;
import io.flead.connect.timescale.core.UrlMask;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.Driver;

/** Opens PostgreSQL connections for the sink and keeps credentials out of every message it produces. */
final class Database {
    private final String url;
    private final String user;
    private final String password;
    private final Timeouts timeouts;

    /**
     * How long a connection may take to open, a read may wait for the server (so a hung server turns into an I/O
     * error), and a statement may run before the server cancels it (0: no limit), in milliseconds.
     */
    record Timeouts(long connectMs, long socketMs, long statementMs) {
    }

    Database(String url, String user, String password, Timeouts timeouts) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.timeouts = timeouts;
    }

    /** A new connection with auto-commit off and the statement timeout set. */
    Connection open() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "flead-timescale-sink");
        // the driver counts these in whole seconds
        props.setProperty("connectTimeout", Long.toString(seconds(timeouts.connectMs())));
        props.setProperty("loginTimeout", Long.toString(seconds(timeouts.connectMs())));
        props.setProperty("socketTimeout", Long.toString(seconds(timeouts.socketMs())));
        props.setProperty("tcpKeepAlive", "true");
        // The plugin's class loader holds the driver; DriverManager would not find it from the worker's.
        Connection connection = new Driver().connect(url, props);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: '" + maskedUrl() + "'", "08001");
        }
        try (Statement s = connection.createStatement()) {
            s.execute(PostgresDialect.setStatementTimeout(timeouts.statementMs()));
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            abortQuietly(connection);
            throw e;
        }
        return connection;
    }

    /** Milliseconds rounded up to whole seconds, at least 1 (the driver reads 0 as no timeout). */
    static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    String maskedUrl() {
        return UrlMask.mask(url);
    }

    /** {@code message} with the URL (and password) masked, for logs and exceptions. */
    String mask(String message) {
        String masked = UrlMask.maskIn(message, url);
        if (masked != null && password != null && !password.isEmpty()) {
            masked = masked.replace(password, "***");
        }
        return masked;
    }

    /**
     * Closes the connection's socket without a word to the server: unlike {@code close()}, which writes a Terminate
     * message first, it cannot block on a server that has stopped reading, and it unblocks a thread stuck in a write.
     */
    static void abortQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // already closed: nothing left to do
            }
        }
    }

    static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a broken connection: nothing left to do
            }
        }
    }
}
