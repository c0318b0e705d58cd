package io.flead.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.flead.driftcheck.core.DriftReference;
import io.flead.driftcheck.core.DriftSettings;
import io.flead.model.GlobalModel;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code POST /api/drift/check?device=}: the device's recent telemetry against the current global reference. */
final class DriftResource {
    static final String RECENT = "SELECT features FROM telemetry WHERE device_id = ? ORDER BY time DESC, seq DESC LIMIT ?";

    private final Database db;
    private final ModelRegistry models;

    DriftResource(Database db, ModelRegistry models) {
        this.db = db;
        this.models = models;
    }

    Object check(Request r) throws SQLException {
        QueryParams q = r.query().allowOnly(Set.of("device", "window"));
        String device = q.requiredName("device");
        int window = q.intValue("window", DriftSettings.DEFAULTS.windowRows(), 20, 5000);
        GlobalModel model = models.currentScorable();
        DriftReference reference = DriftReference.of(model);
        List<Map<String, Object>> rows = db.tableExists("telemetry") ? db.rows(RECENT, device, window) : List.of();
        if (rows.isEmpty()) {
            throw ApiException.notFound("device", "No telemetry for device '" + device + "'");
        }
        double[][] values = new double[rows.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = align((JsonNode) rows.get(i).get("features"), model.featureNames());
        }
        List<DriftProbe.FeatureVerdict> verdicts = DriftProbe.check(reference, DriftSettings.DEFAULTS, values);
        String overall = verdicts.stream().map(DriftProbe.FeatureVerdict::verdict).reduce(DriftProbe.NOT_TESTED, DriftProbe::worst);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("device", device);
        answer.put("model_version", model.version());
        answer.put("window_rows", rows.size());
        answer.put("verdict", overall);
        answer.put("features", verdicts.stream().map(DriftResource::shape).toList());
        return answer;
    }

    static double[] align(JsonNode features, List<String> names) {
        double[] row = new double[names.size()];
        for (int i = 0; i < row.length; i++) {
            JsonNode v = features == null ? null : features.get(names.get(i));
            row[i] = v != null && v.isNumber() ? v.doubleValue() : Double.NaN;
        }
        return row;
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
