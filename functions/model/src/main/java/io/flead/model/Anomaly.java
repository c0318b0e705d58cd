package io.flead.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A telemetry row scored above the threshold, on {@code anomalies}. {@code method} says how it was
 * scored: {@code logistic} (p = sigmoid(w.z + b)) or {@code max_z} (the fallback before the first round).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Anomaly(
    @JsonProperty(value = "device_id", required = true) String deviceId,
    @JsonProperty(value = "ts", required = true) long ts,
    @JsonProperty(value = "seq", required = true) long seq,
    @JsonProperty(value = "score", required = true) double score,
    @JsonProperty(value = "threshold", required = true) double threshold,
    @JsonProperty(value = "model_version", required = true) long modelVersion,
    @JsonProperty("label") Integer label,
    @JsonProperty("top_features") List<FeatureContribution> topFeatures,
    @JsonProperty("method") String method) {

    public Anomaly {
        Require.nonNull(deviceId, "device_id");
        topFeatures = topFeatures == null ? List.of() : List.copyOf(topFeatures);
    }
}
