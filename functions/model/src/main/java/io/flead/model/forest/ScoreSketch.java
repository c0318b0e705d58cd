package io.flead.model.forest;

/**
 * A mergeable sketch of anomaly scores: counts in {@value #BINS} fixed bins of width 1/{@value #BINS} over [0, 1]
 * (isolation-forest scores lie in (0, 1]). Summed over devices, it gives pooled score quantiles, and so the
 * threshold that calls a configured share of rows anomalous, to within a bin (interpolated inside it).
 */
public final class ScoreSketch {
    public static final int BINS = 200;

    private ScoreSketch() {
    }

    public static long[] empty() {
        return new long[BINS];
    }

    public static int binOf(double score) {
        if (!(score > 0)) {
            return 0;
        }
        return Math.min(BINS - 1, (int) (score * BINS));
    }

    public static void add(long[] counts, double score) {
        counts[binOf(score)]++;
    }

    /** {@code into += other}, bin by bin. */
    public static void merge(long[] into, long[] other) {
        for (int b = 0; b < BINS; b++) {
            into[b] += other[b];
        }
    }

    public static long total(long[] counts) {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /**
     * The score above which a share {@code upperShare} of the counted scores lie, interpolating linearly inside
     * the bin where that share is reached; 1.0 (nothing anomalous) for an empty sketch.
     */
    public static double upperQuantile(long[] counts, double upperShare) {
        long total = total(counts);
        if (total == 0) {
            return 1.0;
        }
        double target = upperShare * total;
        double above = 0;
        for (int b = BINS - 1; b >= 0; b--) {
            if (above + counts[b] >= target && counts[b] > 0) {
                double inside = (target - above) / counts[b];
                return (b + 1.0 - inside) / BINS;
            }
            above += counts[b];
        }
        return 0.0;
    }
}
