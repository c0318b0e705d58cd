package io.flead.model;

import java.util.Arrays;

/**
 * Maps raw feature values to z-scores with fixed centre and inverse scale taken from pooled
 * {@link FeatureStats}; NaN (missing) and constant features map to 0. Allocation-free per row.
 *
 * <p>The logistic model does not see z itself but {@code f(z) = sign(z) * log(1 + |z|)}
 * ({@link #apply}): monotone, close to z near the mean, and compressing heavy tails (a burst 1,000
 * standard deviations out becomes 6.9), so that one extreme value cannot dominate a gradient step. On
 * the datagen fleet this converged faster and scored higher F1 than clipped z. The fallback rule
 * |z| &gt; 2.5 and reported z-scores use plain z ({@link #applyRawZ}, {@link #z}).
 */
public final class Standardizer {
    private final double[] center;
    private final double[] inverseScale;

    public Standardizer(double[] center, double[] inverseScale) {
        this.center = center.clone();
        this.inverseScale = inverseScale.clone();
    }

    public static Standardizer of(FeatureStats stats) {
        double[] c = new double[stats.dimension()];
        double[] s = new double[stats.dimension()];
        stats.standardizer(c, s);
        return new Standardizer(c, s);
    }

    /** The identity over {@code d} features (z = x), used when no statistics exist at all. */
    public static Standardizer identity(int d) {
        double[] s = new double[d];
        Arrays.fill(s, 1.0);
        return new Standardizer(new double[d], s);
    }

    public int dimension() {
        return center.length;
    }

    /** Writes the model features f(z) of the row at {@code inOffset} of {@code in} into {@code out} at {@code outOffset}. */
    public void apply(double[] in, int inOffset, double[] out, int outOffset) {
        for (int j = 0; j < center.length; j++) {
            out[outOffset + j] = squash(z(j, in[inOffset + j]));
        }
    }

    /** Writes the plain z-scores of the row at {@code inOffset} into {@code out} at {@code outOffset}. */
    public void applyRawZ(double[] in, int inOffset, double[] out, int outOffset) {
        for (int j = 0; j < center.length; j++) {
            out[outOffset + j] = z(j, in[inOffset + j]);
        }
    }

    /** The plain z-score of {@code x} for feature {@code j} (0 when missing or constant). */
    public double z(int j, double x) {
        return Double.isNaN(x) ? 0.0 : (x - center[j]) * inverseScale[j];
    }

    /** The model feature of a z-score: sign(z) * log(1 + |z|) (Math.log is an intrinsic, Math.log1p is not). */
    public static double squash(double z) {
        return Math.copySign(Math.log(1.0 + Math.abs(z)), z);
    }
}
