package io.flead.model;

/**
 * Mutable accumulator of an {@link Eval}: confusion counts at a probability threshold plus the margin
 * histograms of positives and negatives. A row is predicted positive when sigmoid(margin) &ge; threshold.
 */
public final class EvalCounter {
    private final double threshold;
    private final long[] pos = new long[ScoreHistogram.BINS];
    private final long[] neg = new long[ScoreHistogram.BINS];
    private long tp;
    private long fp;
    private long tn;
    private long fn;

    public EvalCounter(double threshold) {
        this.threshold = threshold;
    }

    /** Counts one labelled row with the model's margin (log-odds). */
    public void add(double margin, int label) {
        boolean predicted = LogisticRegression.sigmoid(margin) >= threshold;
        if (label == 1) {
            pos[ScoreHistogram.binOf(margin)]++;
            if (predicted) {
                tp++;
            } else {
                fn++;
            }
        } else {
            neg[ScoreHistogram.binOf(margin)]++;
            if (predicted) {
                fp++;
            } else {
                tn++;
            }
        }
    }

    /** Counts one labelled row predicted by a rule without a margin (no histogram entry). */
    public void addPrediction(boolean predicted, int label) {
        if (label == 1) {
            tp += predicted ? 1 : 0;
            fn += predicted ? 0 : 1;
        } else {
            fp += predicted ? 1 : 0;
            tn += predicted ? 0 : 1;
        }
    }

    public Eval toEval() {
        return new Eval(tp, fp, tn, fn, pos.clone(), neg.clone());
    }
}
