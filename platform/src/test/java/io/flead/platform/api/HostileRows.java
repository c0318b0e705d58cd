package io.flead.platform.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows with hostile text written straight into the sink's tables, copied from a real device's rows (so every column
 * the sink created is filled): two devices whose ids are markup and long Unicode, one device whose feature names are,
 * their anomalies and a drift alert as the newest, and a global version rejecting an update for a hostile reason.
 */
record HostileRows(long version) {
    static final String MARKUP = "\"'><img src=x onerror=\"window.__fleadPwned=1\"><script>window.__fleadPwned=2</script>";
    static final String UNICODE = "\"Ωμέγα-設備-" + "🛰️\u202Eevil\u202C-ü̈-ا".repeat(24);
    static final String FEATURES_DEVICE = "hostile.features";
    static final List<String> FEATURES = List.of(MARKUP + ".len", "</option><option>injected", "特徴量-" + "🙂".repeat(40));
    static final List<String> DEVICES = List.of(MARKUP, UNICODE, FEATURES_DEVICE);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COPY_TELEMETRY = "INSERT INTO telemetry SELECT (jsonb_populate_record(NULL::telemetry, "
        + "to_jsonb(t) || jsonb_build_object('device_id', ?::text, 'features', t.features || ?::jsonb))).* "
        + "FROM telemetry t WHERE device_id = ? ORDER BY time DESC LIMIT 5";
    private static final String COPY_ANOMALY = "INSERT INTO anomalies SELECT (jsonb_populate_record(NULL::anomalies, "
        + "to_jsonb(a) || jsonb_build_object('device_id', ?::text, 'top_features', ?::jsonb, 'time', "
        + "(SELECT max(time) FROM anomalies) + interval '1 second'))).* FROM anomalies a ORDER BY time DESC LIMIT 1";
    private static final String COPY_ALERT = "INSERT INTO drift_alerts SELECT (jsonb_populate_record(NULL::drift_alerts, "
        + "to_jsonb(d) || jsonb_build_object('device_id', ?::text, 'feature', ?::text, 'time', "
        + "(SELECT max(time) FROM drift_alerts) + interval '1 second'))).* FROM drift_alerts d ORDER BY time DESC LIMIT 1";
    private static final String COPY_MODEL = "INSERT INTO global_models SELECT (jsonb_populate_record(NULL::global_models, "
        + "to_jsonb(g) || jsonb_build_object('version', g.version + 1, 'rejected', ?::jsonb, 'rejected_counts', ?::jsonb))).* "
        + "FROM global_models g ORDER BY version DESC, time DESC LIMIT 1";

    static HostileRows insert(Connection db) throws Exception {
        String source = (String) Sql.one(db, "SELECT device_id FROM anomalies GROUP BY device_id ORDER BY count(*) DESC, "
            + "device_id LIMIT 1");
        Map<String, Object> features = new LinkedHashMap<>();
        for (int i = 0; i < FEATURES.size(); i++) {
            features.put(FEATURES.get(i), i + 1.5);
        }
        String top = JSON.writeValueAsString(List.of(Map.of("feature", FEATURES.get(0), "value", 1.5, "z", 9.0,
            "contribution", 3.0)));
        for (String device : DEVICES) {
            Sql.update(db, COPY_TELEMETRY, device, device.equals(FEATURES_DEVICE) ? JSON.writeValueAsString(features) : "{}",
                source);
            Sql.update(db, COPY_ANOMALY, device, top);
        }
        Sql.update(db, COPY_ALERT, FEATURES_DEVICE, FEATURES.get(0));
        Sql.update(db, COPY_MODEL, JSON.writeValueAsString(List.of(Map.of("update_id", MARKUP, "reason", UNICODE))),
            JSON.writeValueAsString(Map.of(MARKUP, 1)));
        return new HostileRows(Sql.count(db, "SELECT max(version) FROM global_models"));
    }

    void delete(Connection db) throws SQLException {
        for (String table : List.of("telemetry", "anomalies", "drift_alerts")) {
            Sql.update(db, "DELETE FROM " + table + " WHERE device_id = ANY(?)", db.createArrayOf("text", DEVICES.toArray()));
        }
        Sql.update(db, "DELETE FROM global_models WHERE version = ?", version);
    }
}
