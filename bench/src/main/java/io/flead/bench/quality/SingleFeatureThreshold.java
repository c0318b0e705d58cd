package io.flead.bench.quality;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The best single-feature threshold: for every feature, every cut between two of its values, both directions
 * ({@code x >= t} or {@code x <= t}) and a missing value counted either way, the one rule with the highest F1 on the
 * training rows (a seeded sample of at most {@code maxRows} of them); held-out rows never take part in the choice.
 *
 * @param feature   the chosen feature's index
 * @param threshold the cut
 * @param above     true for {@code x >= threshold}, false for {@code x <= threshold}
 * @param missingIsAttack whether a missing value (NaN) is called an attack
 * @param trainF1   the F1 of this rule on the rows it was chosen on
 */
public record SingleFeatureThreshold(int feature, double threshold, boolean above, boolean missingIsAttack,
                                     double trainF1) implements RowClassifier {

    @Override
    public boolean isAttack(DeviceRows device, int i) {
        float v = device.x()[i * device.d() + feature];
        if (Float.isNaN(v)) {
            return missingIsAttack;
        }
        return above ? v >= threshold : v <= threshold;
    }

    /** Chooses the best rule on the training devices. */
    public static SingleFeatureThreshold fit(List<DeviceRows> train, int maxRows, long seed) {
        int d = train.get(0).d();
        long total = train.stream().mapToLong(DeviceRows::n).sum();
        double keep = Math.min(1.0, maxRows / (double) total);
        Random random = new Random(seed);
        int[][] rows = sample(train, keep, random);
        SingleFeatureThreshold best = null;
        for (int j = 0; j < d; j++) {
            SingleFeatureThreshold candidate = bestOn(train, rows, j);
            if (candidate != null && (best == null || candidate.trainF1() > best.trainF1())) {
                best = candidate;
            }
        }
        return best;
    }

    /** The sampled (device, row) pairs. */
    private static int[][] sample(List<DeviceRows> train, double keep, Random random) {
        int[] dev = new int[16];
        int[] row = new int[16];
        int n = 0;
        for (int k = 0; k < train.size(); k++) {
            for (int i = 0; i < train.get(k).n(); i++) {
                if (keep >= 1.0 || random.nextDouble() < keep) {
                    if (n == dev.length) {
                        dev = Arrays.copyOf(dev, 2 * n);
                        row = Arrays.copyOf(row, 2 * n);
                    }
                    dev[n] = k;
                    row[n++] = i;
                }
            }
        }
        return new int[][] {Arrays.copyOf(dev, n), Arrays.copyOf(row, n)};
    }

    private static SingleFeatureThreshold bestOn(List<DeviceRows> train, int[][] rows, int j) {
        int n = rows[0].length;
        double[] values = new double[n];
        boolean[] labels = new boolean[n];
        int present = 0;
        long missingPos = 0;
        long missingNeg = 0;
        long positives = 0;
        for (int k = 0; k < n; k++) {
            DeviceRows dev = train.get(rows[0][k]);
            int i = rows[1][k];
            float v = dev.x()[i * dev.d() + j];
            boolean attack = dev.y()[i] == 1;
            positives += attack ? 1 : 0;
            if (Float.isNaN(v)) {
                missingPos += attack ? 1 : 0;
                missingNeg += attack ? 0 : 1;
            } else {
                values[present] = v;
                labels[present++] = attack;
            }
        }
        Integer[] order = new Integer[present];
        for (int k = 0; k < present; k++) {
            order[k] = k;
        }
        double[] vs = values;
        Arrays.sort(order, (a, b) -> Double.compare(vs[a], vs[b]));
        long[] posBelow = new long[present + 1];
        long[] negBelow = new long[present + 1];
        for (int k = 0; k < present; k++) {
            posBelow[k + 1] = posBelow[k] + (labels[order[k]] ? 1 : 0);
            negBelow[k + 1] = negBelow[k] + (labels[order[k]] ? 0 : 1);
        }
        SingleFeatureThreshold best = null;
        for (int k = 0; k < present; k++) {
            if (k > 0 && values[order[k]] == values[order[k - 1]]) {
                continue;
            }
            double t = values[order[k]];
            // x >= t: the rows from k on; x <= t: the rows up to the last one equal to t
            int end = k;
            while (end < present && values[order[end]] == t) {
                end++;
            }
            long posAbove = posBelow[present] - posBelow[k];
            long negAbove = negBelow[present] - negBelow[k];
            for (int missing = 0; missing < 2; missing++) {
                long mp = missing * missingPos;
                long mn = missing * missingNeg;
                best = better(best, j, t, true, missing == 1, f1(posAbove + mp, negAbove + mn, positives));
                best = better(best, j, t, false, missing == 1, f1(posBelow[end] + mp, negBelow[end] + mn, positives));
            }
        }
        return best;
    }

    private static SingleFeatureThreshold better(SingleFeatureThreshold best, int j, double t, boolean above,
                                                 boolean missing, double f1) {
        return best == null || f1 > best.trainF1() ? new SingleFeatureThreshold(j, t, above, missing, f1) : best;
    }

    private static double f1(long tp, long fp, long positives) {
        long fn = positives - tp;
        return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /** The rule as text, with the feature's name. */
    public String describe(List<String> featureNames) {
        return featureNames.get(feature) + (above ? " >= " : " <= ") + threshold
            + (missingIsAttack ? " or missing" : "");
    }
}
