package io.flead.driftcheck.core;

/**
 * Page-Hinkley test for an increase in the mean of a stream (here the 0/1 anomaly flag).
 *
 * <p>m_t = Σ (x_i − x̄_i − δ) with x̄_i the running mean; the statistic is m_t − min m, and a change
 * is signalled when it exceeds λ. Mutable, owned by one device's state; O(1) memory.
 */
public final class PageHinkley {
    private long n;
    private double mean;
    private double cumulative;
    private double minimum;

    /** Adds one observation and returns the statistic m_t − min m after it. */
    public double update(double x, double delta) {
        n++;
        mean += (x - mean) / n;
        cumulative += x - mean - delta;
        minimum = Math.min(minimum, cumulative);
        return cumulative - minimum;
    }

    /** The current statistic. */
    public double statistic() {
        return cumulative - minimum;
    }

    /** Observations since the last reset. */
    public long count() {
        return n;
    }

    /** Running mean of the observations since the last reset. */
    public double mean() {
        return mean;
    }

    /** Starts over, as after a detected change. */
    public void reset() {
        n = 0;
        mean = 0;
        cumulative = 0;
        minimum = 0;
    }
}
