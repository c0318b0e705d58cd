package io.flead.model;

/**
 * Maps raw feature values to z-scores with fixed centre and inverse scale taken from pooled
 * {@link FeatureStats}; NaN (missing) and constant features map to 0. Allocation-free per row.
 *
 * <p>z is clipped to [-{@value #Z_CLIP}, {@value #Z_CLIP}] so that one extreme value (an attack burst
 * far outside the reference) cannot dominate a gradient step; the fallback rule |z| &gt; 2.5 is unaffected.
 */
public final class Standardizer {
    public static final double Z_CLIP = 10.0;

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
        java.util.Arrays.fill(s, 1.0);
        return new Standardizer(new double[d], s);
    }

    public int dimension() {
        return center.length;
    }

    /** Standardises the row at {@code inOffset} of {@code in} into {@code out} at {@code outOffset}. */
    public void apply(double[] in, int inOffset, double[] out, int outOffset) {
        for (int j = 0; j < center.length; j++) {
            double x = in[inOffset + j];
            out[outOffset + j] = Double.isNaN(x) ? 0.0 : clip((x - center[j]) * inverseScale[j]);
        }
    }

    public double z(int j, double x) {
        return Double.isNaN(x) ? 0.0 : clip((x - center[j]) * inverseScale[j]);
    }

    private static double clip(double z) {
        return z > Z_CLIP ? Z_CLIP : (z < -Z_CLIP ? -Z_CLIP : z);
    }
}
