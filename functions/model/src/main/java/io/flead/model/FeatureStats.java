package io.flead.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * Per-feature count, mean and M2 (sum of squared deviations), accumulated with Welford's update and
 * merged exactly with the parallel-variance formula of Chan, Golub and LeVeque.
 *
 * <p>A NaN value means "feature missing in this row": it is skipped for that feature only, so
 * counts are per feature. Variance is the population variance {@code m2 / count}. Instances are
 * mutable through {@link #add(double[])}; {@link #merge(FeatureStats)} returns a new instance.
 */
public final class FeatureStats {
    /** Standard deviations below this are treated as a constant feature (z = 0). */
    public static final double MIN_STD = 1e-9;

    private final long[] count;
    private final double[] mean;
    private final double[] m2;

    /** Empty statistics over {@code dimension} features. */
    public FeatureStats(int dimension) {
        this(new long[dimension], new double[dimension], new double[dimension]);
    }

    @JsonCreator
    public FeatureStats(@JsonProperty(value = "count", required = true) long[] count,
                        @JsonProperty(value = "mean", required = true) double[] mean,
                        @JsonProperty(value = "m2", required = true) double[] m2) {
        Require.nonNull(count, "count");
        Require.nonNull(mean, "mean");
        Require.nonNull(m2, "m2");
        if (mean.length != count.length || m2.length != count.length) {
            throw new IllegalArgumentException("field 'stats': count, mean and m2 must have the same length, got "
                + count.length + ", " + mean.length + ", " + m2.length);
        }
        this.count = count;
        this.mean = mean;
        this.m2 = m2;
    }

    /** Statistics of the given rows computed in one pass (handy in tests and for a window). */
    public static FeatureStats of(double[][] rows, int dimension) {
        FeatureStats stats = new FeatureStats(dimension);
        for (double[] row : rows) {
            stats.add(row);
        }
        return stats;
    }

    public int dimension() {
        return count.length;
    }

    /** Adds one row in place (Welford); NaN entries are skipped for their feature. */
    public void add(double[] row) {
        if (row.length != count.length) {
            throw new IllegalArgumentException("row has " + row.length + " features, stats have " + count.length);
        }
        addRow(row, 0);
    }

    /** Adds the row stored at {@code offset} of a row-major array, in place. */
    public void addRow(double[] rows, int offset) {
        for (int j = 0; j < count.length; j++) {
            double x = rows[offset + j];
            if (Double.isNaN(x)) {
                continue;
            }
            long n = ++count[j];
            double delta = x - mean[j];
            mean[j] += delta / n;
            m2[j] += delta * (x - mean[j]);
        }
    }

    /** The exact merge of this and {@code other} (Chan et al.), as a new instance; both stay unchanged. */
    public FeatureStats merge(FeatureStats other) {
        requireSameDimension(other);
        FeatureStats merged = copy();
        merged.mergeInPlace(other);
        return merged;
    }

    /** Merges {@code other} into this instance. */
    public void mergeInPlace(FeatureStats other) {
        requireSameDimension(other);
        for (int j = 0; j < count.length; j++) {
            long nb = other.count[j];
            if (nb == 0) {
                continue;
            }
            long na = count[j];
            long n = na + nb;
            double delta = other.mean[j] - mean[j];
            mean[j] = na == 0 ? other.mean[j] : mean[j] + delta * ((double) nb / n);
            m2[j] = m2[j] + other.m2[j] + delta * delta * ((double) na * nb / n);
            count[j] = n;
        }
    }

    public FeatureStats copy() {
        return new FeatureStats(count.clone(), mean.clone(), m2.clone());
    }

    /** Population variance of feature {@code j} (0 when fewer than one value was seen). */
    public double variance(int j) {
        return count[j] == 0 ? 0.0 : Math.max(0.0, m2[j] / count[j]);
    }

    public double std(int j) {
        return Math.sqrt(variance(j));
    }

    /** The z-score of {@code x} for feature {@code j}; 0 for a missing value (NaN) or a constant feature. */
    public double zScore(int j, double x) {
        double s = std(j);
        if (Double.isNaN(x) || s < MIN_STD) {
            return 0.0;
        }
        return (x - mean[j]) / s;
    }

    /** Fills {@code scaleOut} with 1/std (0 for constant or unseen features) and {@code centerOut} with the means. */
    public void standardizer(double[] centerOut, double[] inverseScaleOut) {
        for (int j = 0; j < count.length; j++) {
            double s = std(j);
            centerOut[j] = mean[j];
            inverseScaleOut[j] = s < MIN_STD ? 0.0 : 1.0 / s;
        }
    }

    /** The number of rows seen, i.e. the largest per-feature count. */
    public long rows() {
        long max = 0;
        for (long c : count) {
            max = Math.max(max, c);
        }
        return max;
    }

    /**
     * The mean over the rows seen of a linear model's margin, {@code theta} being the d weights then the bias; a feature
     * missing from a row counts as 0 there, as in the model's standardised feature space.
     */
    public double meanMargin(double[] theta) {
        long rows = rows();
        double margin = theta[count.length];
        for (int j = 0; j < count.length && rows > 0; j++) {
            margin += theta[j] * mean[j] * count[j] / rows;
        }
        return margin;
    }

    @JsonProperty("count")
    public long[] count() {
        return count.clone();
    }

    @JsonProperty("mean")
    public double[] mean() {
        return mean.clone();
    }

    @JsonProperty("m2")
    public double[] m2() {
        return m2.clone();
    }

    public long count(int j) {
        return count[j];
    }

    public double mean(int j) {
        return mean[j];
    }

    public double m2(int j) {
        return m2[j];
    }

    private void requireSameDimension(FeatureStats other) {
        if (other.count.length != count.length) {
            throw new IllegalArgumentException("cannot merge stats of " + other.count.length
                + " features into stats of " + count.length + " features");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureStats s && Arrays.equals(count, s.count)
            && Arrays.equals(mean, s.mean) && Arrays.equals(m2, s.m2);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(count) + Arrays.hashCode(mean)) + Arrays.hashCode(m2);
    }

    @Override
    public String toString() {
        return "FeatureStats{count=" + Arrays.toString(count) + ", mean=" + Arrays.toString(mean)
            + ", m2=" + Arrays.toString(m2) + "}";
    }
}
