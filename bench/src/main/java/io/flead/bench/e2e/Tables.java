package io.flead.bench.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What the sink's tables hold; a table the sink has not created yet counts as empty. */
final class Tables {
    private final Connection db;

    Tables(Connection db) {
        this.db = db;
    }

    boolean exists(String table) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, "public." + table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    long rows(String table) throws SQLException {
        return exists(table) ? number("SELECT count(*) FROM " + table).longValue() : 0;
    }

    /** The first column of the first row, or null when there is no row or the table does not exist yet. */
    Number number(String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? (Number) rs.getObject(1) : null;
        }
    }

    long globalVersions() throws SQLException {
        return exists("global_models") ? number("SELECT count(DISTINCT version) FROM global_models").longValue() : 0;
    }

    long maxGlobalVersion() throws SQLException {
        Number n = exists("global_models") ? number("SELECT max(version) FROM global_models") : null;
        return n == null ? 0 : n.longValue();
    }

    /** The newest {@code n} global models as {@code v<version> f1=<f1> eval=<eval json>}, newest first. */
    java.util.List<String> lastModels(int n) throws SQLException {
        java.util.List<String> lines = new java.util.ArrayList<>();
        if (!exists("global_models")) {
            return lines;
        }
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT version, eval::text FROM global_models ORDER BY version DESC LIMIT " + n)) {
            while (rs.next()) {
                lines.add("v" + rs.getLong(1) + " eval=" + rs.getString(2));
            }
        }
        return lines;
    }

    /** The real eval F1 of the newest global model, or NaN before the first one. */
    double finalF1() throws SQLException {
        Number n = exists("global_models")
            ? number("SELECT (eval->>'f1')::float8 FROM global_models ORDER BY version DESC LIMIT 1") : null;
        return n == null ? Double.NaN : n.doubleValue();
    }
}
