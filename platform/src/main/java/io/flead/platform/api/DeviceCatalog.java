package io.flead.platform.api;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Every device with its rows, first and last seen, anomalies and last drift alert. Building it reads three tables whole,
 * so it is rebuilt only when a table was written since (PostgreSQL's write counters, summed over every user table so that
 * TimescaleDB's chunks count too), at most once per {@link #MIN_INTERVAL_MS} while data flows, and at least once per
 * {@link #MAX_AGE_MS} should the counters be off; requests page the copy, however long the device page stays open.
 * Rows, first and last seen and anomalies per device are summed from the per-minute continuous aggregates when
 * TimescaleDB has them ({@link Database#deviceAggregates}), else counted over the rows; both give the same numbers.
 */
final class DeviceCatalog {
    static final long MIN_INTERVAL_MS = 10_000;
    static final long MAX_AGE_MS = 300_000;
    /** The most devices listed; the device list says so when there are more. */
    static final int MAX_DEVICES = 200_000;
    /** Tables, rows inserted, updated and deleted, over every user table (chunks of hypertables included). */
    static final String WRITES = "SELECT count(*) || ':' || coalesce(sum(n_tup_ins), 0) || ':' || coalesce(sum(n_tup_upd), 0) "
        + "|| ':' || coalesce(sum(n_tup_del), 0) AS writes FROM pg_stat_user_tables";

    /** {@code source} of totals summed from the per-minute continuous aggregates. */
    static final String MINUTE_AGGREGATES = "minute_aggregates";
    /** {@code source} of totals counted over the rows. */
    static final String ROWS = "rows";

    /** The catalog as built at {@code builtAtMs}, when the write counters read {@code writes}, from {@code source}. */
    record Snapshot(List<Map<String, Object>> devices, long builtAtMs, String writes, String source) {
    }

    private static final String NO_ANOMALIES = "SELECT NULL::text AS device_id, 0::bigint AS anomalies WHERE false";
    private static final String LAST_ALERT = "SELECT DISTINCT ON (device_id) device_id, time AS last_drift_time, "
        + "feature AS last_drift_feature, method AS last_drift_method, severity AS last_drift_severity "
        + "FROM drift_alerts ORDER BY device_id, time DESC";
    private static final String NO_ALERTS = "SELECT NULL::text AS device_id, NULL::timestamptz AS last_drift_time, "
        + "NULL::text AS last_drift_feature, NULL::text AS last_drift_method, NULL::text AS last_drift_severity WHERE false";
    /** One device's summary over the rows (parameter: device id, three times). */
    static final String ONE = summary(false);
    /** The same from the per-minute aggregates (parameter: device id, three times). */
    static final String ONE_BY_MINUTES = summary(true);

    private final Database db;
    private Snapshot snapshot;

    DeviceCatalog(Database db) {
        this.db = db;
    }

    /** The summaries ordered by device id, rebuilt when {@link #stale}. */
    synchronized Snapshot current() throws SQLException {
        String writes = (String) db.rows(WRITES).get(0).get("writes");
        long now = System.currentTimeMillis();
        if (stale(snapshot, writes, now)) {
            // counters read before the build: writes made during it count as changes for the next request
            boolean minutes = db.deviceAggregates();
            boolean telemetry = db.tableExists("telemetry");
            snapshot = new Snapshot(telemetry ? db.rows(sql(db.tableExists("anomalies"), db.tableExists("drift_alerts"),
                minutes), MAX_DEVICES + 1) : List.of(), now, writes, minutes ? MINUTE_AGGREGATES : ROWS);
        }
        return snapshot;
    }

    /** Whether to rebuild: never built, too old, or written since and built at least {@link #MIN_INTERVAL_MS} ago. */
    static boolean stale(Snapshot built, String writesNow, long nowMs) {
        if (built == null) {
            return true;
        }
        long age = nowMs - built.builtAtMs();
        return age >= MAX_AGE_MS || age < 0 || (age >= MIN_INTERVAL_MS && !built.writes().equals(writesNow));
    }

    /**
     * Every device's summary (parameter: the limit), with the anomaly and drift tables when they exist, totals from
     * the per-minute aggregates ({@code minutes}, which need the anomalies table) or from the rows.
     */
    static String sql(boolean anomalies, boolean alerts, boolean minutes) {
        return "SELECT t.device_id, t.rows, t.first_seen, t.last_seen, coalesce(a.anomalies, 0) AS anomalies, "
            + "coalesce(a.anomalies, 0)::float8 / t.rows AS anomaly_rate, d.last_drift_time, d.last_drift_feature, "
            + "d.last_drift_method, d.last_drift_severity FROM (" + telemetry(minutes, "") + ") t LEFT JOIN ("
            + (anomalies ? anomalies(minutes, "") : NO_ANOMALIES) + ") a USING (device_id) LEFT JOIN ("
            + (alerts ? LAST_ALERT : NO_ALERTS) + ") d USING (device_id) ORDER BY t.device_id LIMIT ?";
    }

    /** Rows, first and last seen per device: summed from whole minutes (exact: the aggregate keeps each minute's first and last time), or counted. */
    private static String telemetry(boolean minutes, String where) {
        return minutes ? "SELECT device_id, sum(rows)::bigint AS rows, min(first_time) AS first_seen, max(last_time) AS "
            + "last_seen FROM telemetry_device_minute " + where + "GROUP BY device_id"
            : "SELECT device_id, count(*) AS rows, min(time) AS first_seen, max(time) AS last_seen FROM telemetry "
            + where + "GROUP BY device_id";
    }

    private static String anomalies(boolean minutes, String where) {
        return minutes ? "SELECT device_id, sum(anomalies)::bigint AS anomalies FROM anomaly_device_minute " + where
            + "GROUP BY device_id" : "SELECT device_id, count(*) AS anomalies FROM anomalies " + where + "GROUP BY device_id";
    }

    private static String summary(boolean minutes) {
        String device = "WHERE device_id = ? ";
        return "SELECT t.device_id, t.rows, t.first_seen, t.last_seen, coalesce(a.anomalies, 0) AS anomalies, "
            + "coalesce(a.anomalies, 0)::float8 / t.rows AS anomaly_rate, d.last_drift_time, d.last_drift_feature, "
            + "d.last_drift_method, d.last_drift_severity FROM (" + telemetry(minutes, device) + ") t LEFT JOIN ("
            + anomalies(minutes, device) + ") a USING (device_id) LEFT JOIN (SELECT device_id, "
            + "time AS last_drift_time, feature AS last_drift_feature, method AS last_drift_method, severity AS "
            + "last_drift_severity FROM drift_alerts " + device + "ORDER BY time DESC LIMIT 1) d USING (device_id)";
    }
}
