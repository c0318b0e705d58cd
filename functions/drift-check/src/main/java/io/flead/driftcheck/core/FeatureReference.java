package io.flead.driftcheck.core;

import io.flead.model.ReferenceHistogram;

/**
 * The reference distribution of one feature, from the global model's pooled statistics and, when the
 * model carries one, its reference histogram (fixed z-bins relative to a stated centre and scale).
 *
 * <p>Window rows are binned on the same fixed z-edges as {@link ReferenceHistogram}, relative to this
 * reference's {@link #frameCenter()} and {@link #frameScale()}. Without a histogram the distribution is
 * approximated as normal with the pooled mean and standard deviation. A feature with zero or unknown
 * spread is not tested.
 *
 * @param name        feature name
 * @param count       rows behind the statistics
 * @param mean        pooled mean
 * @param std         pooled standard deviation
 * @param histCenter  centre of the histogram's z-scores (NaN without a histogram)
 * @param histScale   scale of the histogram's z-scores (NaN without a histogram)
 * @param histShares  bin proportions of the histogram, {@link ReferenceHistogram#BINS} of them, or null
 */
public record FeatureReference(String name, double count, double mean, double std, double histCenter,
                               double histScale, double[] histShares) {

    /** A reference from moments only (normal approximation). */
    public static FeatureReference normal(String name, double count, double mean, double std) {
        return new FeatureReference(name, count, mean, std, Double.NaN, Double.NaN, null);
    }

    /** Whether the mean-shift test can run against this feature (a finite, positive spread from at least 2 rows). */
    public boolean testable() {
        return count >= 2 && Double.isFinite(mean) && Double.isFinite(std) && std > 0;
    }

    /** Whether window rows can be binned against this feature for PSI (a finite, positive frame). */
    public boolean binnable() {
        return count >= 2 && Double.isFinite(frameCenter()) && frameScale() > 0 && Double.isFinite(frameScale());
    }

    /** Whether the reference distribution comes from a histogram rather than the normal approximation. */
    public boolean hasHistogram() {
        return histShares != null;
    }

    /** Centre of the z-bins window rows are counted in. */
    public double frameCenter() {
        return hasHistogram() ? histCenter : mean;
    }

    /** Scale of the z-bins window rows are counted in. */
    public double frameScale() {
        return hasHistogram() ? histScale : std;
    }

    /** Reference probability that the feature is below {@code value}. */
    public double cdf(double value) {
        if (!hasHistogram()) {
            return NormalDistribution.cdf((value - mean) / std);
        }
        double z = (value - histCenter) / histScale;
        int last = histShares.length - 1;
        if (z < ReferenceHistogram.Z_MIN) {
            // open tail: shaped like a normal tail beyond the edge
            return histShares[0] * NormalDistribution.cdf(z) / NormalDistribution.cdf(ReferenceHistogram.Z_MIN);
        }
        if (z >= ReferenceHistogram.Z_MAX) {
            double beyond = NormalDistribution.cdf(-z) / NormalDistribution.cdf(-ReferenceHistogram.Z_MAX);
            return 1.0 - histShares[last] * beyond;
        }
        int bin = ReferenceHistogram.binOf(z);
        double below = 0.0;
        for (int b = 0; b < bin; b++) {
            below += histShares[b];
        }
        double lower = ReferenceHistogram.Z_MIN + (bin - 1) * ReferenceHistogram.BIN_WIDTH;
        return below + histShares[bin] * (z - lower) / ReferenceHistogram.BIN_WIDTH;
    }

    /** The histogram's shares when the window bins were framed exactly like it, else null. */
    double[] sharesForFrame(float center, float scale) {
        return hasHistogram() && (float) histCenter == center && (float) histScale == scale ? histShares : null;
    }
}
