package io.flead.connect.timescale;

import io.flead.connect.timescale.core.UrlMask;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;

/** Opens PostgreSQL connections for the sink and keeps credentials out of every message it produces. */
final class Database {
    private final String url;
    private final String user;
    private final String password;

    Database(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** A new connection with auto-commit off. */
    Connection open(int connectTimeoutSeconds) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "flead-timescale-sink");
        props.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
        props.setProperty("loginTimeout", Integer.toString(connectTimeoutSeconds));
        props.setProperty("tcpKeepAlive", "true");
        // The plugin's class loader holds the driver; DriverManager would not find it from the worker's.
        Connection connection = new Driver().connect(url, props);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: '" + maskedUrl() + "'", "08001");
        }
        connection.setAutoCommit(false);
        return connection;
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
