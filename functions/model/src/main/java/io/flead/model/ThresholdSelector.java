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
        return maximiseF1(posHist, negHist, fallback, 0);
    }

    /**
     * The threshold whose F1, averaged over the edges up to {@code shiftBins} bins either side of it, is the largest:
     * for a threshold applied to a later model than the one whose margins were counted. Margins move a little from
     * version to version, and many rows of one attack type share a margin, so F1 often drops off a cliff one bin away
     * from its maximum; the average picks the middle of a plateau instead of its edge. 0 is the plain maximum.
     */
    public static double maximiseF1(long[] posHist, long[] negHist, double fallback, int shiftBins) {
        if (posHist == null || negHist == null) {
            return fallback;
        }
        long positives = sum(posHist);
        if (positives == 0 || sum(negHist) == 0) {
            return fallback;
        }
        double[] f1 = new double[ScoreHistogram.BINS];
        long tp = positives;
        long fp = sum(negHist);
        for (int b = 1; b < ScoreHistogram.BINS; b++) {
            tp -= posHist[b - 1];
            fp -= negHist[b - 1];
            f1[b] = 2.0 * tp / (2.0 * tp + fp + (positives - tp));
        }
        double best = -1;
        int bestFirst = 1;
        int bestLast = 1;
        for (int b = 1; b < ScoreHistogram.BINS; b++) {
            int lo = Math.max(1, b - shiftBins);
            int hi = Math.min(ScoreHistogram.BINS - 1, b + shiftBins);
            double sum = 0;
            for (int k = lo; k <= hi; k++) {
                sum += f1[k];
            }
            double mean = sum / (hi - lo + 1);
            if (mean > best + 1e-12) {
                best = mean;
                bestFirst = b;
                bestLast = b;
            } else if (Math.abs(mean - best) <= 1e-12 && bestLast == b - 1) {
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
