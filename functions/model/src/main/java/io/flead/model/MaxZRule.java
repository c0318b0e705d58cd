package io.flead.model;

/**
 * The fallback anomaly rule used before any model has weights: a row is anomalous when its largest
 * absolute per-feature z-score exceeds {@value #THRESHOLD}.
 */
public final class MaxZRule {
    public static final double THRESHOLD = 2.5;

    private MaxZRule() {
    }

    /** The largest |z| of the standardised row at {@code offset}. */
    public static double maxAbsZ(double[] z, int offset, int d) {
        double max = 0;
        for (int j = 0; j < d; j++) {
            max = Math.max(max, Math.abs(z[offset + j]));
        }
        return max;
    }

    /** The largest plain |z| of the raw row at {@code offset}, standardised by {@code standardizer}. */
    public static double maxAbsZ(Standardizer standardizer, double[] rows, int offset) {
        double max = 0;
        for (int j = 0; j < standardizer.dimension(); j++) {
            max = Math.max(max, Math.abs(standardizer.z(j, rows[offset + j])));
        }
        return max;
    }

    public static boolean anomalous(double maxAbsZ) {
        return maxAbsZ > THRESHOLD;
    }
}
