package io.flead.driftcheck.core;

import io.flead.model.ReferenceHistogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A device's own reference, learnt from its first rows: a calibration slice fixes the z-frame (the
 * device's mean and spread), then a baseline slice is counted on the fixed z-bins of that frame and
 * summarised by count, mean and M2. Once complete it is frozen.
 *
 * <p>Used when devices are not identically distributed (non-IID fleets), where a comparison with the
 * pooled global statistics would flag every device that differs from the fleet average.
 */
final class DeviceBaseline {
    private static final int BINS = ReferenceHistogram.BINS;
    private final int calibrationRows;
    private final int baselineRows;
    private final float[] center;
    private final float[] scale;
    private final long[] n;
    private final double[] mean;
    private final double[] m2;
    /** Count, mean and M2 of the baseline slice's non-zero values. */
    private final long[] presentN;
    private final double[] presentMean;
    private final double[] presentM2;
    private final short[] counts;
    private int rows;

    DeviceBaseline(int features, int calibrationRows, int baselineRows) {
        this.calibrationRows = calibrationRows;
        this.baselineRows = baselineRows;
        this.center = new float[features];
        this.scale = new float[features];
        this.n = new long[features];
        this.mean = new double[features];
        this.m2 = new double[features];
        this.presentN = new long[features];
        this.presentMean = new double[features];
        this.presentM2 = new double[features];
        this.counts = new short[features * BINS];
    }

    boolean calibrated() {
        return rows >= calibrationRows;
    }

    boolean complete() {
        return rows >= calibrationRows + baselineRows;
    }

    /** The z-frame of window bins: {centre, scale}, or null while calibrating. */
    float[][] frame() {
        return calibrated() ? new float[][] {center, scale} : null;
    }

    /**
     * Learns from one row until the baseline is complete; {@code global} (may be null) lends its scale to
     * features that were constant while calibrating, so a later spread of them can still be binned.
     */
    void add(double[] values, DriftReference global) {
        if (complete()) {
            return;
        }
        boolean calibrating = !calibrated();
        for (int f = 0; f < values.length; f++) {
            double v = values[f];
            if (!Double.isFinite(v)) {
                continue;
            }
            long k = ++n[f];
            double delta = v - mean[f];
            mean[f] += delta / k;
            m2[f] += delta * (v - mean[f]);
            if (calibrating) {
                continue;
            }
            if (scale[f] > 0 && Float.isFinite(scale[f])) {
                counts[f * BINS + ReferenceHistogram.binOf((v - center[f]) / scale[f])]++;
            }
            if (v != 0) {
                long p = ++presentN[f];
                double pd = v - presentMean[f];
                presentMean[f] += pd / p;
                presentM2[f] += pd * (v - presentMean[f]);
            }
        }
        rows++;
        if (calibrating && calibrated()) {
            fixFrame(global);
        }
    }

    private void fixFrame(DriftReference global) {
        for (int f = 0; f < center.length; f++) {
            double std = n[f] > 1 ? Math.sqrt(m2[f] / n[f]) : 0.0;
            center[f] = n[f] > 0 ? (float) mean[f] : Float.NaN;
            scale[f] = std > 0 ? (float) std : fallbackScale(global, f);
        }
        Arrays.fill(n, 0);
        Arrays.fill(mean, 0.0);
        Arrays.fill(m2, 0.0);
    }

    private static float fallbackScale(DriftReference global, int f) {
        if (global == null || f >= global.size() || !global.feature(f).binnable()) {
            return Float.NaN;
        }
        return (float) global.feature(f).frameScale();
    }

    /** The baseline as a reference named and versioned like {@code global}; null until complete. */
    DriftReference asReference(DriftReference global) {
        if (!complete() || global.size() != center.length) {
            return null;
        }
        List<FeatureReference> refs = new ArrayList<>(center.length);
        List<FeatureReference> present = new ArrayList<>(center.length);
        for (int f = 0; f < center.length; f++) {
            String name = global.feature(f).name();
            double std = n[f] > 0 ? Math.sqrt(m2[f] / n[f]) : Double.NaN;
            refs.add(new FeatureReference(name, n[f], mean[f], std, center[f], scale[f], shares(f)));
            double presentStd = presentN[f] > 0 ? Math.sqrt(presentM2[f] / presentN[f]) : Double.NaN;
            present.add(FeatureReference.normal(name, presentN[f], presentMean[f], presentStd));
        }
        return new DriftReference(global.modelVersion(), refs, present);
    }

    private double[] shares(int f) {
        double total = 0;
        for (int b = 0; b < BINS; b++) {
            total += counts[f * BINS + b];
        }
        double[] p = new double[BINS];
        for (int b = 0; b < BINS && total > 0; b++) {
            p[b] = counts[f * BINS + b] / total;
        }
        return p;
    }

    long arrayBytes() {
        return 4L * center.length + 4L * scale.length + 8L * n.length + 8L * mean.length + 8L * m2.length
            + 8L * presentN.length + 8L * presentMean.length + 8L * presentM2.length
            + 2L * counts.length;
    }
}
