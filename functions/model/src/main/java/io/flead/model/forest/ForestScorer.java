package io.flead.model.forest;

import java.util.List;

/**
 * Scores rows with an ensemble of isolation trees: {@code s(x) = 2^(-E[h(x)] / c(psi))}, where the mean path
 * length is weighted by each tree's weight (the samples behind it). Immutable; allocation-free per row.
 */
public final class ForestScorer {
    private final IsolationTree[] trees;
    private final double[] weights;
    private final double inverseNorm;

    public ForestScorer(List<IsolationTree> trees, double[] weights, int subsample) {
        if (trees.isEmpty() || trees.size() != weights.length) {
            throw new IllegalArgumentException("an ensemble needs at least one tree and one weight per tree");
        }
        this.trees = trees.toArray(IsolationTree[]::new);
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        this.weights = new double[weights.length];
        for (int t = 0; t < weights.length; t++) {
            this.weights[t] = weights[t] / sum;
        }
        double c = PathLength.c(subsample);
        this.inverseNorm = c > 0 ? 1.0 / c : 0.0;
    }

    /** Equal weights. */
    public static ForestScorer unweighted(List<IsolationTree> trees, int subsample) {
        double[] w = new double[trees.size()];
        java.util.Arrays.fill(w, 1.0);
        return new ForestScorer(trees, w, subsample);
    }

    /** The weighted mean path length of the row at {@code offset} of {@code x}. */
    public double meanPathLength(double[] x, int offset) {
        double h = 0;
        for (int t = 0; t < trees.length; t++) {
            h += weights[t] * trees[t].pathLength(x, offset);
        }
        return h;
    }

    /** The anomaly score in (0, 1]: near 1 for rows isolated quickly, below 0.5 for ordinary rows. */
    public double score(double[] x, int offset) {
        return Math.exp(-meanPathLength(x, offset) * inverseNorm * LN2);
    }

    private static final double LN2 = Math.log(2.0);

    /** The scores of {@code n} rows of {@code d} features into a new sketch. */
    public long[] sketch(double[] rows, int n, int d) {
        long[] counts = ScoreSketch.empty();
        for (int i = 0; i < n; i++) {
            ScoreSketch.add(counts, score(rows, i * d));
        }
        return counts;
    }

    public int size() {
        return trees.length;
    }
}
