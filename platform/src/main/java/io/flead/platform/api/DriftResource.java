package io.flead.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.flead.driftcheck.core.DriftDetector;
import io.flead.driftcheck.core.DriftReference;
import io.flead.driftcheck.core.DriftSettings;
import io.flead.model.GlobalModel;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/drift/check?device=}: the device's telemetry folded through the drift-check core with the settings
 * the running function has, and its window tests as they stand (against the device's own baseline by default).
 */
final class DriftResource {
    /** The device's rows oldest first, as the function folded them; a longer history is checked on its latest rows. */
    static final String HISTORY = "SELECT features, label FROM (SELECT time, seq, features, label FROM telemetry "
        + "WHERE device_id = ? ORDER BY time DESC, seq DESC LIMIT ?) recent ORDER BY time, seq";
    /** Rows replayed at most: the baseline (600 rows by default) plus many windows. */
    static final int MAX_ROWS = 50_000;

    private final Database db;
    private final ModelRegistry models;
    private final DriftDetector detector;

    DriftResource(Database db, ModelRegistry models, DriftSettings drift) {
        this.db = db;
        this.models = models;
        this.detector = new DriftDetector(drift);
    }

    Object check(Request r) throws SQLException {
        QueryParams q = r.query().allowOnly(Set.of("device"));
        String device = q.requiredName("device");
        GlobalModel model = models.currentScorable();
        DriftReference reference = DriftReference.forMode(model, detector.settings().referenceMode());
        List<Map<String, Object>> rows = db.tableExists("telemetry") ? db.rows(HISTORY, device, MAX_ROWS) : List.of();
        if (rows.isEmpty()) {
            throw ApiException.notFound("device", "No telemetry for device '" + device + "'");
        }
        List<DriftProbe.FeatureVerdict> verdicts = reference == null ? List.of()
            : DriftProbe.check(detector, reference, device, rows.stream().map(DriftResource::row).toList());
        String overall = verdicts.stream().map(DriftProbe.FeatureVerdict::verdict).reduce(DriftProbe.NOT_TESTED, DriftProbe::worst);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("device", device);
        answer.put("model_version", model.version());
        answer.put("reference", detector.settings().referenceMode().configName());
        answer.put("rows", rows.size());
        answer.put("window_rows", verdicts.stream().mapToLong(DriftProbe.FeatureVerdict::n).max().orElse(0));
        answer.put("verdict", overall);
        answer.put("features", verdicts.stream().map(DriftResource::shape).toList());
        return answer;
    }

    private static DriftProbe.Row row(Map<String, Object> row) {
        JsonNode features = (JsonNode) row.get("features");
        Map<String, Double> named = new HashMap<>();
        if (features != null) {
            features.fields().forEachRemaining(e -> {
                if (e.getValue().isNumber()) {
                    named.put(e.getKey(), e.getValue().doubleValue());
                }
            });
        }
        return new DriftProbe.Row(named, row.get("label") instanceof Number n && n.intValue() == 1);
    }

    private static Map<String, Object> shape(DriftProbe.FeatureVerdict v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feature", v.feature());
        m.put("n", v.n());
        m.put("verdict", v.verdict());
        m.put("mean_shift", test(v.meanShift()));
        m.put("psi", test(v.psi()));
        return m;
    }

    private static Map<String, Object> test(DriftProbe.Test t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statistic", Double.isFinite(t.statistic()) ? t.statistic() : null);
        m.put("threshold", Double.isFinite(t.threshold()) ? t.threshold() : null);
        m.put("verdict", t.verdict());
        return m;
    }
}
