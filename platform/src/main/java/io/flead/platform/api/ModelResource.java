package io.flead.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/models} and {@code /api/models/{version}}: the registry of global versions with their metrics. */
final class ModelResource {
    static final int MAX_LIMIT = 1000;
    static final List<String> METRICS = List.of("precision", "recall", "f1", "tp", "fp", "tn", "fn");
    static final List<String> EVALUATION = List.of("version", "updates", "precision", "recall", "f1", "tp", "fp", "tn", "fn");

    private final Database db;

    ModelResource(Database db) {
        this.db = db;
    }

    /** Newest first. */
    Object list(Request r) throws SQLException {
        int limit = r.query().allowOnly(Set.of("limit")).intValue("limit", 100, 1, MAX_LIMIT);
        if (!db.tableExists("global_models")) {
            return List.of();
        }
        return db.rows(ModelRegistry.LIST, limit).stream().map(ModelResource::shape).toList();
    }

    Object one(Request r) throws SQLException {
        r.query().allowOnly(Set.of());
        long version = version(r.path(0));
        List<Map<String, Object>> rows = db.tableExists("global_models") ? db.rows(ModelRegistry.ONE, version) : List.of();
        if (rows.isEmpty()) {
            throw ApiException.notFound("version", "No global model version " + version);
        }
        return shape(rows.get(0));
    }

    /** A version evaluation's figures, or null when the version carries none (never zeros). */
    static Map<String, Object> evaluation(Object value) {
        if (!(value instanceof JsonNode e) || !e.isObject()) {
            return null;
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        for (String f : EVALUATION) {
            JsonNode v = e.get(f);
            figures.put(f, v == null || v.isNull() ? null : v.numberValue());
        }
        return figures;
    }

    static long version(String text) {
        try {
            long v = Long.parseLong(text);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badParameter("version", text, "must be a non-negative integer");
    }

    /**
     * The row with {@code eval} (the sum over the round's updates of their various base versions' evaluations) reduced
     * to its metrics, {@code evaluation} (one version's own evaluation, the figures to show as a version's F1) with its
     * version and update count or null for none, {@code accepted} (the updates the version was made from),
     * {@code rejected_counts} by reason and the number of rejected updates.
     */
    static Map<String, Object> shape(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>(row);
        out.put("accepted", row.get("participants"));
        out.put("evaluation", evaluation(row.get("evaluation")));
        out.put("rejected_counts", row.get("rejected_counts") instanceof JsonNode n && n.isObject() ? n : Map.of());
        out.put("max_staleness", row.get("max_staleness") instanceof JsonNode n && n.isNumber() ? n.numberValue() : null);
        Map<String, Object> metrics = new LinkedHashMap<>();
        if (row.get("eval") instanceof JsonNode eval) {
            for (String m : METRICS) {
                JsonNode v = eval.get(m);
                metrics.put(m, v == null || v.isNull() ? null : v.numberValue());
            }
        }
        out.put("eval", metrics);
        Object rejected = row.get("rejected");
        out.put("rejected_count", rejected instanceof JsonNode n && n.isArray() ? n.size() : 0);
        return out;
    }
}
