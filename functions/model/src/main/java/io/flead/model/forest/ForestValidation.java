package io.flead.model.forest;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a forest update before it joins the ensemble, like any update: its kind, a fresh {@code update_id}, a
 * positive {@code n_samples}, the model's feature names, the configured rows per tree, at most the configured trees,
 * and each tree's depth, feature indexes, finite split values and leaf sizes; and a well-formed score sketch. A
 * refusal is a reason that starts with a code and names the field: {@code tree: trees[3].value[12]: split value NaN
 * is not finite}.
 */
public final class ForestValidation {
    private final ForestSettings settings;
    private final List<String> featureNames;

    public ForestValidation(ForestSettings settings, List<String> featureNames) {
        this.settings = settings;
        this.featureNames = List.copyOf(featureNames);
    }

    /** The reason to refuse {@code u}, or empty when it is acceptable; {@code seen} holds the update ids taken. */
    public Optional<String> check(ForestUpdate u, Set<String> seen) {
        if (!ForestUpdate.KIND.equals(u.kind())) {
            return Optional.of("kind: field 'kind' is '" + u.kind() + "', expected '" + ForestUpdate.KIND + "'");
        }
        if (seen.contains(u.updateId())) {
            return Optional.of("duplicate: update_id '" + u.updateId() + "' was already aggregated");
        }
        if (u.nSamples() < 1) {
            return Optional.of("samples: field 'n_samples' is " + u.nSamples() + ", must be positive");
        }
        if (!featureNames.equals(u.featureNames())) {
            return Optional.of("features: field 'feature_names' has " + u.featureNames().size()
                + " names that differ from the model's " + featureNames.size());
        }
        if (u.subsample() != settings.subsample()) {
            return Optional.of("subsample: field 'subsample' is " + u.subsample() + ", expected "
                + settings.subsample());
        }
        if (u.trees().isEmpty() || u.trees().size() > settings.treesPerUpdate()) {
            return Optional.of("trees: field 'trees' holds " + u.trees().size() + " trees, must be 1 to "
                + settings.treesPerUpdate());
        }
        for (int t = 0; t < u.trees().size(); t++) {
            Optional<String> bad = checkTree(u.trees().get(t), "trees[" + t + "]");
            if (bad.isPresent()) {
                return bad;
            }
        }
        return checkSketch(u.scoreSketch());
    }

    Optional<String> checkTree(IsolationTree tree, String field) {
        if (tree.depth() > settings.maxDepth()) {
            return Optional.of("tree: " + field + ": depth " + tree.depth() + " exceeds " + settings.maxDepth());
        }
        int d = featureNames.size();
        for (int i = 0; i < tree.nodes(); i++) {
            int j = tree.featureAt(i);
            float v = tree.valueAt(i);
            if (j < IsolationTree.LEAF || j >= d) {
                return Optional.of("tree: " + field + ".feature[" + i + "]: feature index " + j + " is not one of the "
                    + d + " features");
            }
            if (!Float.isFinite(v)) {
                return Optional.of("tree: " + field + ".value[" + i + "]: " + (j < 0 ? "leaf size " : "split value ")
                    + v + " is not finite");
            }
            if (j < 0 && (v < 1 || v > settings.subsample())) {
                return Optional.of("tree: " + field + ".value[" + i + "]: leaf size " + v + " is outside [1, "
                    + settings.subsample() + "]");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> checkSketch(long[] sketch) {
        if (sketch.length != ScoreSketch.BINS) {
            return Optional.of("sketch: field 'score_sketch' has " + sketch.length + " bins, expected "
                + ScoreSketch.BINS);
        }
        for (int b = 0; b < sketch.length; b++) {
            if (sketch[b] < 0) {
                return Optional.of("sketch: score_sketch[" + b + "] is negative (" + sketch[b] + ")");
            }
        }
        return ScoreSketch.total(sketch) == 0 ? Optional.of("sketch: field 'score_sketch' is empty") : Optional.empty();
    }
}
