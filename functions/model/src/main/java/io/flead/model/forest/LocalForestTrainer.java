package io.flead.model.forest;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Per-device training of the forest kind, without labels: grows {@code forest.trees.per.update} isolation trees
 * on the device's window and sketches the window's scores: under the latest global forest when the device has one
 * (so that the pooled sketches describe the ensemble the threshold is for), else under its own new trees. Seeded, so the same window and seed give
 * the same update (redelivered batches produce identical updates).
 */
public final class LocalForestTrainer {
    private final ForestSettings settings;
    private final TreeGrower grower;

    public LocalForestTrainer(ForestSettings settings) {
        this.settings = settings;
        this.grower = new TreeGrower(settings.subsample());
    }

    /** What a device trained: its trees, the rows behind them and the sketch of its window's scores. */
    public record LocalForest(List<IsolationTree> trees, long nSamples, long[] scoreSketch) {
        public ForestScorer scorer(int subsample) {
            return ForestScorer.unweighted(trees, subsample);
        }
    }

    /** Trains on the {@code n} rows of {@code d} model features, row-major in {@code rows}, with no global forest yet. */
    public LocalForest train(double[] rows, int n, int d, long seed) {
        return train(rows, n, d, seed, null);
    }

    /** Trains as {@link #train(double[], int, int, long)}, sketching the scores under {@code base} unless it is null. */
    public LocalForest train(double[] rows, int n, int d, long seed, ForestScorer base) {
        if (n < 1) {
            throw new IllegalArgumentException("a forest needs at least one row");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<IsolationTree> trees = new ArrayList<>(settings.treesPerUpdate());
        for (int t = 0; t < settings.treesPerUpdate(); t++) {
            trees.add(grower.grow(rows, n, d, random));
        }
        ForestScorer scorer = base != null ? base : ForestScorer.unweighted(trees, settings.subsample());
        long[] sketch = scorer.sketch(rows, n, d);
        return new LocalForest(List.copyOf(trees), n, sketch);
    }

    /** The update a device sends for what it trained. */
    public ForestUpdate update(String updateId, String deviceId, long baseVersion, long ts, List<String> featureNames,
                               LocalForest forest) {
        return new ForestUpdate(ForestUpdate.KIND, updateId, deviceId, baseVersion, ts, forest.nSamples(),
            featureNames, settings.subsample(), forest.trees(), forest.scoreSketch());
    }
}
