package io.flead.model.forest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flead.model.Rejection;
import java.util.List;

/**
 * A version of the global forest on {@code global-model-updates}: the bounded ensemble with one weight per tree
 * (the samples behind it), the rows per tree it was grown with, and the threshold taken from the pooled score
 * sketches of the contributing updates at the configured contamination; with the updates refused since the last
 * version and why.
 */
public record ForestModel(
    @JsonProperty(value = "kind", required = true) String kind,
    @JsonProperty(value = "version", required = true) long version,
    @JsonProperty(value = "ts", required = true) long ts,
    @JsonProperty(value = "participants", required = true) int participants,
    @JsonProperty(value = "n_samples", required = true) long nSamples,
    @JsonProperty(value = "feature_names", required = true) List<String> featureNames,
    @JsonProperty(value = "subsample", required = true) int subsample,
    @JsonProperty(value = "trees", required = true) List<IsolationTree> trees,
    @JsonProperty(value = "tree_weights", required = true) double[] treeWeights,
    @JsonProperty(value = "contamination", required = true) double contamination,
    @JsonProperty(value = "threshold", required = true) double threshold,
    @JsonProperty(value = "rejected", required = true) List<Rejection> rejected) {

    public ForestModel {
        if (featureNames == null || trees == null || treeWeights == null || rejected == null) {
            throw new IllegalArgumentException("fields 'feature_names', 'trees', 'tree_weights' and 'rejected'"
                + " are required");
        }
        if (treeWeights.length != trees.size()) {
            throw new IllegalArgumentException("field 'tree_weights': " + treeWeights.length + " weights for "
                + trees.size() + " trees");
        }
        featureNames = List.copyOf(featureNames);
        trees = List.copyOf(trees);
        rejected = List.copyOf(rejected);
    }

    /** A scorer over this ensemble (build it once per version, not per row). */
    public ForestScorer scorer() {
        return new ForestScorer(trees, treeWeights, subsample);
    }
}
