package io.flead.platform.api;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Every device with its rows, first and last seen, anomalies and last drift alert. Building it reads whole tables,
 * so it is built at most once per {@link #MAX_AGE_MS} whatever the number of requests, and requests page the copy.
 */
final class DeviceCatalog {
    static final long MAX_AGE_MS = 2_000;
    static final int MAX_DEVICES = 200_000;
    private static final String TELEMETRY = "SELECT device_id, count(*) AS rows, min(time) AS first_seen, "
        + "max(time) AS last_seen FROM telemetry GROUP BY device_id";
    private static final String ANOMALIES = "SELECT device_id, count(*) AS anomalies FROM anomalies GROUP BY device_id";
    private static final String NO_ANOMALIES = "SELECT NULL::text AS device_id, 0::bigint AS anomalies WHERE false";
    private static final String LAST_ALERT = "SELECT DISTINCT ON (device_id) device_id, time AS last_drift_time, "
        + "feature AS last_drift_feature, method AS last_drift_method, severity AS last_drift_severity "
        + "FROM drift_alerts ORDER BY device_id, time DESC";
    private static final String NO_ALERTS = "SELECT NULL::text AS device_id, NULL::timestamptz AS last_drift_time, "
        + "NULL::text AS last_drift_feature, NULL::text AS last_drift_method, NULL::text AS last_drift_severity WHERE false";
    /** One device's summary (parameter: device id, three times). */
    static final String ONE = summary("WHERE device_id = ?", "WHERE device_id = ?", "WHERE device_id = ?");

    private final Database db;
    private List<Map<String, Object>> devices = List.of();
    private long builtAtMs;

    DeviceCatalog(Database db) {
        this.db = db;
    }

    /** The summaries ordered by device id, at most {@link #MAX_AGE_MS} old. */
    synchronized List<Map<String, Object>> all() throws SQLException {
        long now = System.currentTimeMillis();
        if (now - builtAtMs >= MAX_AGE_MS) {
            devices = db.tableExists("telemetry") ? db.rows(sql(true), MAX_DEVICES) : List.of();
            builtAtMs = now;
        }
        return devices;
    }

    String sql(boolean all) throws SQLException {
        boolean anomalies = db.tableExists("anomalies");
        boolean alerts = db.tableExists("drift_alerts");
        return "SELECT t.device_id, t.rows, t.first_seen, t.last_seen, coalesce(a.anomalies, 0) AS anomalies, "
            + "coalesce(a.anomalies, 0)::float8 / t.rows AS anomaly_rate, d.last_drift_time, d.last_drift_feature, "
            + "d.last_drift_method, d.last_drift_severity FROM (" + TELEMETRY + ") t LEFT JOIN ("
            + (anomalies ? ANOMALIES : NO_ANOMALIES) + ") a USING (device_id) LEFT JOIN ("
            + (alerts ? LAST_ALERT : NO_ALERTS) + ") d USING (device_id) ORDER BY t.device_id LIMIT ?";
    }

    private static String summary(String t, String a, String d) {
        return "SELECT t.device_id, t.rows, t.first_seen, t.last_seen, coalesce(a.anomalies, 0) AS anomalies, "
            + "coalesce(a.anomalies, 0)::float8 / t.rows AS anomaly_rate, d.last_drift_time, d.last_drift_feature, "
            + "d.last_drift_method, d.last_drift_severity FROM (SELECT device_id, count(*) AS rows, min(time) AS first_seen, "
            + "max(time) AS last_seen FROM telemetry " + t + " GROUP BY device_id) t LEFT JOIN (SELECT device_id, count(*) "
            + "AS anomalies FROM anomalies " + a + " GROUP BY device_id) a USING (device_id) LEFT JOIN (SELECT device_id, "
            + "time AS last_drift_time, feature AS last_drift_feature, method AS last_drift_method, severity AS "
            + "last_drift_severity FROM drift_alerts " + d + " ORDER BY time DESC LIMIT 1) d USING (device_id)";
    }
}
