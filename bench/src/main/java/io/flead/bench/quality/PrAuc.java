package io.flead.bench.quality;

import java.util.Arrays;

/**
 * Area under the precision-recall curve as average precision: the mean, over the positives, of the precision at
 * each positive's rank, rows of one score taken together (each tie group counts its positives at the group's end).
 */
public final class PrAuc {
    private PrAuc() {
    }

    /** The average precision of {@code scores} (higher = more anomalous) for 0/1 labels; NaN with no positive. */
    public static double of(double[] scores, byte[] labels, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        long positives = 0;
        for (int i = 0; i < n; i++) {
            positives += labels[i];
        }
        if (positives == 0) {
            return Double.NaN;
        }
        double sum = 0;
        long tp = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            long groupPositives = labels[order[i]];
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                groupPositives += labels[order[++j]];
            }
            tp += groupPositives;
            sum += groupPositives * ((double) tp / (j + 1));
            i = j + 1;
        }
        return sum / positives;
    }
}
