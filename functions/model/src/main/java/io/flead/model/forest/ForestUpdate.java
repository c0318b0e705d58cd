package io.flead.model.forest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A device's forest update on {@code local-model-updates}: a bounded sample of isolation trees grown on its window
 * without labels, the rows behind them, and the sketch of the scores those trees gave the window.
 */
public record ForestUpdate(
    @JsonProperty(value = "kind", required = true) String kind,
    @JsonProperty(value = "update_id", required = true) String updateId,
    @JsonProperty(value = "device_id", required = true) String deviceId,
    @JsonProperty(value = "base_version", required = true) long baseVersion,
    @JsonProperty(value = "ts", required = true) long ts,
    @JsonProperty(value = "n_samples", required = true) long nSamples,
    @JsonProperty(value = "feature_names", required = true) List<String> featureNames,
    @JsonProperty(value = "subsample", required = true) int subsample,
    @JsonProperty(value = "trees", required = true) List<IsolationTree> trees,
    @JsonProperty(value = "score_sketch", required = true) long[] scoreSketch) {

    public static final String KIND = "forest";

    public ForestUpdate {
        if (updateId == null || deviceId == null || featureNames == null || trees == null || scoreSketch == null) {
            throw new IllegalArgumentException("fields 'update_id', 'device_id', 'feature_names', 'trees' and"
                + " 'score_sketch' are required");
        }
        featureNames = List.copyOf(featureNames);
        trees = List.copyOf(trees);
    }
}
