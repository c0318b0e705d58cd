package io.flead.bench.quality;

/**
 * One arm's scores on a set of labelled rows and the threshold it chose without labels, reduced to ROC-AUC,
 * PR-AUC and F1 at that threshold (a row is called anomalous when its score exceeds its threshold: one per row,
 * since each device's local forest chooses its own).
 */
record ForestScores(double[] scores, byte[] labels, double[] thresholds) {
    /** Rows under one threshold. */
    static ForestScores of(double[] scores, byte[] labels, double threshold) {
        double[] t = new double[scores.length];
        java.util.Arrays.fill(t, threshold);
        return new ForestScores(scores, labels, t);
    }

    double rocAuc() {
        return RocAuc.of(scores, labels, scores.length);
    }

    double prAuc() {
        return PrAuc.of(scores, labels, scores.length);
    }

    double f1() {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean flagged = scores[i] > thresholds[i];
            if (flagged && labels[i] == 1) {
                tp++;
            } else if (flagged) {
                fp++;
            } else if (labels[i] == 1) {
                fn++;
            }
        }
        return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
