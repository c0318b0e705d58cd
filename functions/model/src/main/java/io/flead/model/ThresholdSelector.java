package io.flead.model;

/**
 * Chooses the decision threshold that maximises F1 over summed margin histograms of positives and
 * negatives. Candidates are the fixed {@link ScoreHistogram} bin edges (a row is positive when its
 * margin is at or above the edge); ties go to the middle of the best run of edges. Without both
 * positives and negatives in the histograms there is nothing to choose from and the fallback is kept.
 */
public final class ThresholdSelector {
    private ThresholdSelector() {
    }

    /** The F1-maximising probability threshold, or {@code fallback} when the histograms cannot decide. */
    public static double maximiseF1(long[] posHist, long[] negHist, double fallback) {
        if (posHist == null || negHist == null) {
            return fallback;
        }
        long positives = sum(posHist);
        if (positives == 0 || sum(negHist) == 0) {
            return fallback;
        }
        long tp = positives;
        long fp = sum(negHist);
        double best = -1;
        int bestFirst = 1;
        int bestLast = 1;
        for (int b = 1; b < ScoreHistogram.BINS; b++) {
            tp -= posHist[b - 1];
            fp -= negHist[b - 1];
            double f1 = 2.0 * tp / (2.0 * tp + fp + (positives - tp));
            if (f1 > best + 1e-12) {
                best = f1;
                bestFirst = b;
                bestLast = b;
            } else if (Math.abs(f1 - best) <= 1e-12 && bestLast == b - 1) {
                bestLast = b;
            }
        }
        double edge = 0.5 * (ScoreHistogram.lowerEdge(bestFirst) + ScoreHistogram.lowerEdge(bestLast));
        return LogisticRegression.sigmoid(edge);
    }

    private static long sum(long[] h) {
        long s = 0;
        for (long v : h) {
            s += v;
        }
        return s;
    }
}
