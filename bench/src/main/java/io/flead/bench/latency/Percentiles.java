package io.flead.bench.latency;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of latency samples (milliseconds). */
public final class Percentiles {
    private final double[] sorted;

    private Percentiles(double[] sorted) {
        this.sorted = sorted;
    }

    /** The samples, copied and sorted; at least one is required. */
    public static Percentiles of(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no latency samples: nothing was measured");
        }
        double[] copy = samples.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    /** The smallest sample with at least {@code p} percent of the samples at or below it (0 &lt; p &le; 100). */
    public double at(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile " + p + " is not in (0, 100]");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public int count() {
        return sorted.length;
    }

    /** The samples in ascending order (a copy). */
    public double[] sorted() {
        return sorted.clone();
    }
}
