package io.flead.driftcheck.core;

import java.util.Arrays;

/**
 * Population Stability Index between a reference (expected) and an observed (actual) bin distribution.
 *
 * <p>PSI = Σ (a − e)·ln(a / e) over bins. Proportions below {@code epsilon} (empty bins) are raised to
 * {@code epsilon} on both sides before the sum, so an empty bin costs a large but finite amount.
 */
public final class Psi {
    private Psi() {
    }

    /** PSI of two proportion vectors of the same length (each summing to about 1). */
    public static double of(double[] expected, double[] actual, double epsilon) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException("PSI needs equal bin counts, got expected " + expected.length
                + " and actual " + actual.length);
        }
        double sum = 0.0;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.max(expected[i], epsilon);
            double a = Math.max(actual[i], epsilon);
            sum += (a - e) * Math.log(a / e);
        }
        return sum;
    }

    /** PSI of bin counts: both are normalised to proportions first. */
    public static double ofCounts(double[] expectedCounts, double[] actualCounts, double epsilon) {
        return of(proportions(expectedCounts), proportions(actualCounts), epsilon);
    }

    /**
     * Groups sparse bins: a bin holding at least {@code minShare} of the expected total stays alone, and
     * each maximal run of adjacent bins below it becomes one bin. Sparse tails are thus pooled (their
     * few expected rows do not make PSI noisy) but never folded into a populated bin, so mass moving
     * out of a populated bin into a tail stays visible. Returns {expected, actual}.
     */
    public static double[][] mergeSparseBins(double[] expectedCounts, double[] actualCounts, double minShare) {
        double total = 0.0;
        for (double c : expectedCounts) {
            total += c;
        }
        double[] e = new double[expectedCounts.length];
        double[] a = new double[expectedCounts.length];
        int k = -1;
        boolean inSparseRun = false;
        for (int i = 0; i < expectedCounts.length; i++) {
            boolean sparse = expectedCounts[i] < minShare * total;
            if (!sparse || !inSparseRun) {
                k++;
            }
            e[k] += expectedCounts[i];
            a[k] += actualCounts[i];
            inSparseRun = sparse;
        }
        return new double[][] {Arrays.copyOf(e, k + 1), Arrays.copyOf(a, k + 1)};
    }

    static double[] proportions(double[] counts) {
        double total = 0.0;
        for (double c : counts) {
            total += c;
        }
        double[] p = new double[counts.length];
        for (int i = 0; i < counts.length && total > 0; i++) {
            p[i] = counts[i] / total;
        }
        return p;
    }
}
