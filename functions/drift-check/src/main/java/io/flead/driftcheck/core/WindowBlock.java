package io.flead.driftcheck.core;

import io.flead.model.ReferenceHistogram;
import java.util.Arrays;

/**
 * One slide of a device's window: per feature its row count, sum, count and sum of non-zero values, and PSI
 * bin counts.
 *
 * <p>Bins are the fixed z-bins of {@link ReferenceHistogram}, relative to the reference's centre and
 * scale as they were when the block started (its "frame"), so a block never needs re-binning when the
 * global model changes: at check time the current reference's probability of each framed bin is used.
 */
final class WindowBlock {
    private static final int BINS = ReferenceHistogram.BINS;
    private static final int MAX_SMALL_COUNT = 255;
    /** Bin counts as unsigned bytes when a block holds at most 255 rows (the default 100), else null. */
    private final byte[] smallCounts;
    private final short[] counts;
    private final short[] rows;
    private final short[] binnedRows;
    private final double[] sums;
    private final short[] presentRows;
    private final double[] presentSums;
    private final float[] frameMean;
    private final float[] frameStd;
    private int totalRows;

    WindowBlock(int features, int rowsPerBlock) {
        boolean small = rowsPerBlock <= MAX_SMALL_COUNT;
        this.smallCounts = small ? new byte[features * BINS] : null;
        this.counts = small ? null : new short[features * BINS];
        this.rows = new short[features];
        this.binnedRows = new short[features];
        this.sums = new double[features];
        this.presentRows = new short[features];
        this.presentSums = new double[features];
        this.frameMean = new float[features];
        this.frameStd = new float[features];
    }

    void clear() {
        if (smallCounts != null) {
            Arrays.fill(smallCounts, (byte) 0);
        } else {
            Arrays.fill(counts, (short) 0);
        }
        Arrays.fill(rows, (short) 0);
        Arrays.fill(binnedRows, (short) 0);
        Arrays.fill(sums, 0.0);
        Arrays.fill(presentRows, (short) 0);
        Arrays.fill(presentSums, 0.0);
        totalRows = 0;
    }

    /** Adds one row; the first row of a block fixes its frame, {centre, scale} per feature (null: no PSI bins). */
    void add(double[] values, float[][] frame) {
        if (totalRows == 0) {
            setFrame(frame);
        }
        totalRows++;
        for (int f = 0; f < values.length; f++) {
            double v = values[f];
            if (!Double.isFinite(v)) {
                continue;
            }
            rows[f]++;
            sums[f] += v;
            if (v != 0) {
                presentRows[f]++;
                presentSums[f] += v;
            }
            float std = frameStd[f];
            if (std > 0 && Float.isFinite(std)) {
                int bin = ReferenceHistogram.binOf((v - frameMean[f]) / std);
                increment(f * BINS + bin);
                binnedRows[f]++;
            }
        }
    }

    private void setFrame(float[][] frame) {
        if (frame == null) {
            Arrays.fill(frameMean, Float.NaN);
            Arrays.fill(frameStd, Float.NaN);
        } else {
            System.arraycopy(frame[0], 0, frameMean, 0, frameMean.length);
            System.arraycopy(frame[1], 0, frameStd, 0, frameStd.length);
        }
    }

    /** The frame of a global reference: its histogram's (or statistics') centre and scale per feature. */
    static float[][] frameOf(DriftReference reference, int features) {
        float[][] frame = new float[2][features];
        for (int f = 0; f < features; f++) {
            FeatureReference ref = reference == null || f >= reference.size() ? null : reference.feature(f);
            boolean usable = ref != null && ref.binnable() && (float) ref.frameScale() > 0;
            frame[0][f] = usable ? (float) ref.frameCenter() : Float.NaN;
            frame[1][f] = usable ? (float) ref.frameScale() : Float.NaN;
        }
        return frame;
    }

    int totalRows() {
        return totalRows;
    }

    int rows(int feature) {
        return rows[feature];
    }

    int binnedRows(int feature) {
        return binnedRows[feature];
    }

    double sum(int feature) {
        return sums[feature];
    }

    /** Rows of the block where the feature is non-zero (in Edge-IIoTset a zero means the field is absent). */
    int presentRows(int feature) {
        return presentRows[feature];
    }

    double presentSum(int feature) {
        return presentSums[feature];
    }

    private void increment(int i) {
        if (smallCounts != null) {
            smallCounts[i]++;
        } else {
            counts[i]++;
        }
    }

    private int count(int i) {
        return smallCounts != null ? Byte.toUnsignedInt(smallCounts[i]) : counts[i];
    }

    /** Adds this block's observed bin counts of a feature into {@code out}. */
    void addObserved(int feature, double[] out) {
        for (int b = 0; b < BINS; b++) {
            out[b] += count(feature * BINS + b);
        }
    }

    /** Adds this block's expected bin counts of a feature under {@code ref} into {@code out}. */
    void addExpected(int feature, FeatureReference ref, double[] out) {
        int n = binnedRows[feature];
        if (n == 0) {
            return;
        }
        double[] shares = ref.sharesForFrame(frameMean[feature], frameStd[feature]);
        double below = 0.0;
        for (int b = 0; b < BINS; b++) {
            double upto = b == BINS - 1 ? 1.0 : ref.cdf(frameMean[feature] + upperEdge(b) * (double) frameStd[feature]);
            out[b] += n * (shares != null ? shares[b] : Math.max(0.0, upto - below));
            below = Math.max(below, upto);
        }
    }

    /** Upper z-edge of bin b (not the last, open one). */
    private static double upperEdge(int b) {
        return ReferenceHistogram.Z_MIN + b * ReferenceHistogram.BIN_WIDTH;
    }

    /** Bytes held by the arrays of this block (headers excluded). */
    long arrayBytes() {
        long binBytes = smallCounts != null ? smallCounts.length : 2L * counts.length;
        return binBytes + 2L * rows.length + 2L * binnedRows.length + 8L * sums.length
            + 2L * presentRows.length + 8L * presentSums.length
            + 4L * frameMean.length + 4L * frameStd.length;
    }
}
