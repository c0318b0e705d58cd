package io.flead.platform.api;

import io.flead.platform.analytics.MinuteAggregates;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.util.PGobject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's access to the sink's tables: prepared statements only, rows as maps (jsonb as JSON, times as ISO-8601),
 * and the indexes the API's queries need, created once their table exists.
 */
public final class Database {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Index name to DDL: the latest anomalies overall and per device are read through these, not by a scan. */
    static final Map<String, String> INDEXES = Map.of(
        "anomalies", "CREATE INDEX IF NOT EXISTS flead_api_anomalies_time ON anomalies (time DESC)",
        "anomalies_device", "CREATE INDEX IF NOT EXISTS flead_api_anomalies_device_time ON anomalies (device_id, time DESC)",
        "drift_alerts", "CREATE INDEX IF NOT EXISTS flead_api_drift_device_time ON drift_alerts (device_id, time DESC)",
        "local_models", "CREATE INDEX IF NOT EXISTS flead_api_local_models_device_time ON local_models (device_id, time DESC)");

    private final String url;
    private final Properties credentials = new Properties();
    private final Set<String> indexed = ConcurrentHashMap.newKeySet();

    public Database(String url, String user, String password) {
        this.url = url;
        if (user != null && !url.contains("user=")) {
            credentials.setProperty("user", user);
        }
        if (password != null && !password.isEmpty() && !url.contains("password=")) {
            credentials.setProperty("password", password);
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, credentials);
    }

    /** Runs a query with positional parameters and returns every row (callers bound the rows with LIMIT). */
    public List<Map<String, Object>> rows(String sql, Object... params) throws SQLException {
        ensureIndexes();
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            st.setQueryTimeout(30);
            try (ResultSet rs = st.executeQuery()) {
                return read(rs);
            }
        }
    }

    /** True when the per-minute aggregates are TimescaleDB continuous aggregates ({@link MinuteAggregates}). */
    public boolean minuteAggregates() throws SQLException {
        try (Connection c = connect()) {
            return MinuteAggregates.continuous(c);
        }
    }

    /** True when the per-device totals can be read from continuous aggregates ({@link MinuteAggregates#deviceTotals}). */
    public boolean deviceAggregates() throws SQLException {
        try (Connection c = connect()) {
            return MinuteAggregates.deviceTotals(c);
        }
    }

    /** True when the sink has created {@code table}. */
    public boolean tableExists(String table) throws SQLException {
        try (Connection c = connect();
             PreparedStatement st = c.prepareStatement("SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Creates each missing index whose table exists; tables appear when the sink writes their first rows. */
    void ensureIndexes() {
        if (indexed.size() == INDEXES.size()) {
            return;
        }
        for (Map.Entry<String, String> index : INDEXES.entrySet()) {
            if (indexed.contains(index.getKey())) {
                continue;
            }
            String table = index.getValue().replaceAll(".* ON (\\w+) .*", "$1");
            try {
                if (tableExists(table)) {
                    execute(index.getValue());
                    indexed.add(index.getKey());
                    LOG.info("API index ready: {}", index.getValue());
                }
            } catch (SQLException e) {
                LOG.warn("Cannot create index for {}: {}", table, e.getMessage());
            }
        }
    }

    private void execute(String ddl) throws SQLException {
        try (Connection c = connect(); var st = c.createStatement()) {
            st.execute(ddl);
        }
    }

    /** Names of the indexes created so far. */
    Set<String> indexesReady() {
        return Set.copyOf(indexed);
    }

    private static List<Map<String, Object>> read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.put(meta.getColumnLabel(i), value(rs.getObject(i)));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object value(Object v) {
        if (v instanceof PGobject pg && pg.getValue() != null && pg.getType() != null && pg.getType().startsWith("json")) {
            return Json.read(pg.getValue());
        }
        if (v instanceof PGobject pg) {
            return pg.getValue();
        }
        if (v instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (v instanceof java.sql.Array a) {
            try {
                return a.getArray();
            } catch (SQLException e) {
                return null;
            }
        }
        if (v instanceof Double d && !Double.isFinite(d)) {
            return null;
        }
        return v;
    }
}
