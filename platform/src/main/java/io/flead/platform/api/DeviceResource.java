package io.flead.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/devices} (pages of the {@link DeviceCatalog}, at most {@link #MAX_PER_PAGE} a page, with the time the
 * catalog was built and whether it holds only the first {@link DeviceCatalog#MAX_DEVICES}), {@code /api/devices/{id}}
 * and {@code /api/devices/{id}/telemetry}, read through per-device indexes.
 */
final class DeviceResource {
    static final int MAX_PER_PAGE = 200;
    static final List<String> SORTS = List.of("device_id", "-device_id", "rows", "-rows", "anomalies", "-anomalies",
        "anomaly_rate", "-anomaly_rate", "last_seen", "-last_seen");
    static final String ALERTS = "SELECT time, feature, method, statistic, threshold, severity, model_version, window_n "
        + "FROM drift_alerts WHERE device_id = ? ORDER BY time DESC LIMIT ?";
    static final String UPDATES = "SELECT time, update_id, base_version, n_samples, loss FROM local_models "
        + "WHERE device_id = ? ORDER BY time DESC LIMIT ?";
    static final String TELEMETRY = "SELECT time, seq, label, features FROM telemetry WHERE device_id = ? "
        + "ORDER BY time DESC, seq DESC LIMIT ?";
    static final String ANOMALIES_BETWEEN = "SELECT time, seq, score, threshold, model_version, label FROM anomalies "
        + "WHERE device_id = ? AND time >= ?::timestamptz AND time <= ?::timestamptz ORDER BY time, seq LIMIT ?";

    private final Database db;
    private final DeviceCatalog catalog;

    DeviceResource(Database db, DeviceCatalog catalog) {
        this.db = db;
        this.catalog = catalog;
    }

    Object list(Request r) throws SQLException {
        QueryParams q = r.query().allowOnly(Set.of("page", "per_page", "q", "sort"));
        int perPage = q.intValue("per_page", 50, 1, MAX_PER_PAGE);
        int page = q.intValue("page", 1, 1, 1_000_000);
        String search = q.text("q", 64);
        String sort = q.choice("sort", "device_id", SORTS);
        DeviceCatalog.Snapshot snapshot = catalog.current();
        boolean truncated = snapshot.devices().size() > DeviceCatalog.MAX_DEVICES;
        List<Map<String, Object>> matching = snapshot.devices().stream().limit(DeviceCatalog.MAX_DEVICES)
            .filter(d -> search == null || ((String) d.get("device_id")).toLowerCase(Locale.ROOT)
                .contains(search.toLowerCase(Locale.ROOT)))
            .sorted(order(sort)).toList();
        int from = (int) Math.min((long) (page - 1) * perPage, matching.size());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("page", page);
        answer.put("per_page", perPage);
        answer.put("total", matching.size());
        answer.put("sort", sort);
        answer.put("q", search);
        answer.put("as_of", java.time.Instant.ofEpochMilli(snapshot.builtAtMs()).toString());
        answer.put("source", snapshot.source());
        answer.put("truncated", truncated);
        answer.put("devices", matching.subList(from, Math.min(from + perPage, matching.size())));
        return answer;
    }

    /** Sort by a column, descending with a leading '-', ties by device id. */
    static Comparator<Map<String, Object>> order(String sort) {
        String column = sort.startsWith("-") ? sort.substring(1) : sort;
        Comparator<Map<String, Object>> byId = Comparator.comparing(d -> (String) d.get("device_id"));
        Comparator<Map<String, Object>> c = column.equals("device_id") ? byId
            : Comparator.comparing((Map<String, Object> d) -> comparable(d.get(column)),
                Comparator.nullsFirst(Comparator.naturalOrder()));
        if (sort.startsWith("-")) {
            c = c.reversed();
        }
        return column.equals("device_id") ? c : c.thenComparing(byId);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparable comparable(Object v) {
        return v instanceof Number n ? (Comparable) Double.valueOf(n.doubleValue()) : (Comparable) v;
    }

    Object one(Request r) throws SQLException {
        r.query().allowOnly(Set.of());
        String device = device(r.path(0));
        Map<String, Object> summary = summary(device);
        Map<String, Object> answer = new LinkedHashMap<>(summary);
        answer.put("drift_alerts", db.tableExists("drift_alerts") ? db.rows(ALERTS, device, 20) : List.of());
        answer.put("local_updates", db.tableExists("local_models") ? db.rows(UPDATES, device, 20) : List.of());
        return answer;
    }

    private Map<String, Object> summary(String device) throws SQLException {
        List<Map<String, Object>> rows;
        if (db.tableExists("telemetry") && db.tableExists("anomalies") && db.tableExists("drift_alerts")) {
            rows = db.rows(db.deviceAggregates() ? DeviceCatalog.ONE_BY_MINUTES : DeviceCatalog.ONE, device, device, device);
        } else {
            rows = catalog.current().devices().stream().filter(d -> device.equals(d.get("device_id"))).toList();
        }
        if (rows.isEmpty()) {
            throw ApiException.notFound("id", "No telemetry for device id '" + device + "'");
        }
        return rows.get(0);
    }

    /** The device's latest rows (oldest first) with only the asked features, and its anomalies over those rows. */
    Object telemetry(Request r) throws SQLException {
        QueryParams q = r.query().allowOnly(Set.of("limit", "features"));
        String device = device(r.path(0));
        int limit = q.intValue("limit", 300, 1, 2000);
        List<String> features = q.names("features", 20);
        List<Map<String, Object>> rows = db.tableExists("telemetry")
            ? new java.util.ArrayList<>(db.rows(TELEMETRY, device, limit)) : List.of();
        if (rows.isEmpty()) {
            throw ApiException.notFound("id", "No telemetry for device id '" + device + "'");
        }
        java.util.Collections.reverse(rows);
        if (!features.isEmpty()) {
            rows.forEach(row -> row.put("features", only((JsonNode) row.get("features"), features)));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("device_id", device);
        answer.put("rows", rows);
        answer.put("anomalies", db.tableExists("anomalies") ? db.rows(ANOMALIES_BETWEEN, device,
            rows.get(0).get("time"), rows.get(rows.size() - 1).get("time"), 2000) : List.of());
        return answer;
    }

    private static JsonNode only(JsonNode features, List<String> names) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (String n : names) {
            JsonNode v = features == null ? null : features.get(n);
            out.set(n, v);
        }
        return out;
    }

    static String device(String pathSegment) {
        String id = java.net.URLDecoder.decode(pathSegment, java.nio.charset.StandardCharsets.UTF_8);
        if (!QueryParams.NAME.matcher(id).matches()) {
            throw ApiException.badParameter("id", id, "a device id is 1-128 letters, digits or _ . : -");
        }
        return id;
    }
}
