package io.flead.model;

import java.util.List;

/**
 * The fallback anomaly rule used before any model has weights: a row is anomalous when its largest
 * absolute per-feature z-score exceeds {@value #THRESHOLD}.
 *
 * <p>Only plain features take part. An indicator ({@code tcp.flags=2}, {@code mqtt.msgtype=3}) is a category
 * flag, not a quantity: a flag set on a share p of rows has the z-score sqrt((1-p)/p) whenever it is set, above
 * 2.5 for every flag rarer than 14%, so counting indicators would flag every row that carries any rare
 * category (most rows, with the model's 52 indicators).
 */
public final class MaxZRule {
    public static final double THRESHOLD = 2.5;

    private MaxZRule() {
    }

    /** Which of {@code featureNames} the rule looks at: the plain features, not the indicators. */
    public static boolean[] plainFeatures(List<String> featureNames) {
        boolean[] plain = new boolean[featureNames.size()];
        for (int j = 0; j < plain.length; j++) {
            plain[j] = !FeatureColumn.parse(featureNames.get(j)).indicator();
        }
        return plain;
    }

    /** The largest |z| over the plain features of the standardised row at {@code offset}. */
    public static double maxAbsZ(double[] z, int offset, boolean[] plain) {
        double max = 0;
        for (int j = 0; j < plain.length; j++) {
            if (plain[j]) {
                max = Math.max(max, Math.abs(z[offset + j]));
            }
        }
        return max;
    }

    /** The largest |z| over the plain features of the raw row at {@code offset}, standardised by {@code standardizer}. */
    public static double maxAbsZ(Standardizer standardizer, double[] rows, int offset, boolean[] plain) {
        double max = 0;
        for (int j = 0; j < standardizer.dimension(); j++) {
            if (plain[j]) {
                max = Math.max(max, Math.abs(standardizer.z(j, rows[offset + j])));
            }
        }
        return max;
    }

    public static boolean anomalous(double maxAbsZ) {
        return maxAbsZ > THRESHOLD;
    }
}
