package io.flead.connect.timescale;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One record of each DESIGN topic besides telemetry, in the contract's shape. */
final class DesignRecords {
    static final long TS = 1_793_491_200_000L;

    private DesignRecords() {
    }

    static Map<String, Object> localModel() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("update_id", "dev-1:3:42");
        v.put("device_id", "dev-1");
        v.put("base_version", 3);
        v.put("ts", TS);
        v.put("n_samples", 50);
        v.put("feature_names", List.of("tcp.len", "mqtt.len"));
        v.put("weights", List.of(0.5, -1.25));
        v.put("bias", 0.1);
        v.put("stats", Map.of("tcp.len", Map.of("count", 50, "mean", 12.5, "m2", 3.0)));
        v.put("loss", 0.42);
        v.put("eval", Map.of("tp", 1, "fp", 2, "tn", 40, "fn", 7));
        return v;
    }

    static Map<String, Object> globalModel() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("version", 4);
        v.put("round", 4);
        v.put("ts", TS);
        v.put("strategy", "fedavg");
        v.put("participants", List.of("dev-1", "dev-2"));
        v.put("n_samples", 100);
        v.put("feature_names", List.of("tcp.len", "mqtt.len"));
        v.put("weights", List.of(0.5, -1.25));
        v.put("bias", 0.1);
        v.put("stats", Map.of());
        v.put("threshold", 0.5);
        v.put("eval", Map.of("tp", 1, "fp", 2, "tn", 40, "fn", 7, "precision", 0.33, "recall", 0.125, "f1", 0.18));
        v.put("rejected", List.of(Map.of("update_id", "dev-9:1:1", "reason", "norm bound")));
        return v;
    }

    static Map<String, Object> anomaly() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("device_id", "dev-1");
        v.put("ts", TS);
        v.put("seq", 17);
        v.put("score", 0.97);
        v.put("threshold", 0.5);
        v.put("model_version", 4);
        v.put("label", 1);
        v.put("top_features", List.of(Map.of("name", "tcp.len", "z", 3.2)));
        return v;
    }

    static Map<String, Object> driftAlert() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("device_id", "dev-1");
        v.put("ts", TS);
        v.put("feature", "tcp.len");
        v.put("method", "psi");
        v.put("statistic", 0.31);
        v.put("threshold", 0.25);
        v.put("severity", "alert");
        v.put("model_version", 4);
        v.put("window_n", 200);
        return v;
    }
}
