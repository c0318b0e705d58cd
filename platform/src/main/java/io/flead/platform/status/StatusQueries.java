package io.flead.platform.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The SQL behind {@code flead status}, over the tables the timescale sink creates (runs on plain PostgreSQL too). */
final class StatusQueries {
    static final String ROUNDS = "SELECT count(*), coalesce(max(version), 0) FROM global_models";
    /**
     * Per version, newest first: accepted updates, rejections by reason, the largest staleness accepted and the version
     * evaluation it carries. Read through {@code to_jsonb} because the sink adds a column only once a message carried
     * the field (a fleet of versions without an evaluation has no {@code evaluation} column); {@code ->>} gives SQL
     * NULL both for an absent field and for a NULL column, where {@code ->} would give a JSON null.
     */
    static final String VERSIONS = "SELECT version, participants, to_jsonb(g)->>'rejected_counts', "
        + "to_jsonb(g)->>'max_staleness', to_jsonb(g)->>'evaluation' FROM (SELECT DISTINCT ON (version) * "
        + "FROM global_models ORDER BY version DESC, time DESC) g ORDER BY version DESC LIMIT ?";
    /** The newest version's publication time in epoch milliseconds. */
    static final String LATEST_TS = "SELECT (extract(epoch FROM time) * 1000)::bigint FROM global_models "
        + "ORDER BY version DESC, time DESC LIMIT 1";
    static final String ANOMALIES_PER_DEVICE = "SELECT device_id, count(*) FROM anomalies GROUP BY device_id "
        + "ORDER BY count(*) DESC, device_id LIMIT ?";
    static final String DRIFT_ALERTS = "SELECT device_id, feature, method, severity, statistic, threshold "
        + "FROM drift_alerts ORDER BY time DESC LIMIT ?";
    static final String TABLE_ROWS = "SELECT relname, n_live_tup FROM pg_stat_user_tables WHERE relname IN "
        + "('telemetry','local_models','global_models','anomalies','drift_alerts') ORDER BY relname";

    private StatusQueries() {
    }

    static List<List<Object>> rows(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(columns);
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    static boolean tableExists(Connection c, String table) throws SQLException {
        return !rows(c, "SELECT 1 FROM pg_tables WHERE tablename = ?", table).isEmpty();
    }
}
