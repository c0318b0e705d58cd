package io.flead.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * Per-feature histogram of z-scores over fixed edges, relative to a stated reference (the centre and
 * scale of a given global model version), kept as the reference distribution for drift checks.
 *
 * <p>Edges are fixed: {@value #BINS} bins, one open tail below z = -4, sixteen of width 0.5 over
 * [-4, 4), and one open tail at z &ge; 4. Because the edges and the reference are fixed, two
 * histograms with the same reference merge exactly by adding counts; merging histograms of different
 * references is refused. A raw value x of feature j falls in {@code binOf((x - center[j]) / scale[j])};
 * a feature with scale 0 (constant or unseen) puts every value in the bin of z = 0. NaN (missing) is skipped.
 */
public final class ReferenceHistogram {
    public static final double Z_MIN = -4.0;
    public static final double Z_MAX = 4.0;
    public static final double BIN_WIDTH = 0.5;
    /** Number of bins including the two open tails. */
    public static final int BINS = (int) Math.round((Z_MAX - Z_MIN) / BIN_WIDTH) + 2;

    private final long referenceVersion;
    private final double[] center;
    private final double[] scale;
    private final long[][] counts;
    private final double[] inverseScale;

    /** An empty histogram relative to the given reference version and its per-feature centre and scale. */
    public ReferenceHistogram(long referenceVersion, double[] center, double[] scale) {
        this(referenceVersion, center, scale, new long[center.length][BINS]);
    }

    @JsonCreator
    public ReferenceHistogram(@JsonProperty(value = "reference_version", required = true) long referenceVersion,
                              @JsonProperty(value = "center", required = true) double[] center,
                              @JsonProperty(value = "scale", required = true) double[] scale,
                              @JsonProperty(value = "counts", required = true) long[][] counts) {
        Require.nonNull(center, "center");
        Require.nonNull(scale, "scale");
        Require.nonNull(counts, "counts");
        if (scale.length != center.length || counts.length != center.length) {
            throw new IllegalArgumentException("field 'histogram': center, scale and counts must have the same length");
        }
        for (long[] c : counts) {
            if (c == null || c.length != BINS) {
                throw new IllegalArgumentException("field 'histogram.counts': every feature needs " + BINS + " bins");
            }
        }
        this.referenceVersion = referenceVersion;
        this.center = center;
        this.scale = scale;
        this.counts = counts;
        this.inverseScale = new double[scale.length];
        for (int j = 0; j < scale.length; j++) {
            inverseScale[j] = scale[j] == 0.0 ? 0.0 : 1.0 / scale[j];
        }
    }

    /** A histogram relative to the mean and standard deviation of {@code stats}, labelled with {@code version}. */
    public static ReferenceHistogram relativeTo(long version, FeatureStats stats) {
        int d = stats.dimension();
        double[] center = new double[d];
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            center[j] = stats.mean(j);
            double s = stats.std(j);
            scale[j] = s < FeatureStats.MIN_STD ? 0.0 : s;
        }
        return new ReferenceHistogram(version, center, scale);
    }

    /** The bin of a z-score (NaN is not allowed here). */
    public static int binOf(double z) {
        if (z < Z_MIN) {
            return 0;
        }
        if (z >= Z_MAX) {
            return BINS - 1;
        }
        return 1 + Math.min(BINS - 3, (int) ((z - Z_MIN) * (1.0 / BIN_WIDTH)));
    }

    /** The z-score of raw value {@code x} of feature {@code j} relative to this histogram's reference. */
    public double zOf(int j, double x) {
        return (x - center[j]) * inverseScale[j];
    }

    /** Adds one raw row in place; NaN entries are skipped. */
    public void add(double[] row) {
        addRow(row, 0);
    }

    /** Adds the raw row stored at {@code offset} of a row-major array, in place. */
    public void addRow(double[] rows, int offset) {
        for (int j = 0; j < center.length; j++) {
            double x = rows[offset + j];
            if (!Double.isNaN(x)) {
                counts[j][binOf(zOf(j, x))]++;
            }
        }
    }

    /** True when {@code other} states the same reference, so the two merge exactly. */
    public boolean sameReference(ReferenceHistogram other) {
        return referenceVersion == other.referenceVersion && Arrays.equals(center, other.center)
            && Arrays.equals(scale, other.scale);
    }

    /** The exact merge (counts added) as a new instance; refuses a different reference. */
    public ReferenceHistogram merge(ReferenceHistogram other) {
        if (!sameReference(other)) {
            throw new IllegalArgumentException("cannot merge histograms of different references (versions "
                + referenceVersion + " and " + other.referenceVersion + ")");
        }
        long[][] sum = new long[counts.length][];
        for (int j = 0; j < counts.length; j++) {
            sum[j] = counts[j].clone();
            for (int b = 0; b < BINS; b++) {
                sum[j][b] += other.counts[j][b];
            }
        }
        return new ReferenceHistogram(referenceVersion, center.clone(), scale.clone(), sum);
    }

    /** Bin proportions of feature {@code j} (all zero when the feature was never seen). */
    public double[] proportions(int j) {
        long total = total(j);
        double[] p = new double[BINS];
        for (int b = 0; b < BINS && total > 0; b++) {
            p[b] = (double) counts[j][b] / total;
        }
        return p;
    }

    public long total(int j) {
        long total = 0;
        for (long c : counts[j]) {
            total += c;
        }
        return total;
    }

    @JsonIgnore
    public int dimension() {
        return center.length;
    }

    @JsonProperty("reference_version")
    public long referenceVersion() {
        return referenceVersion;
    }

    @JsonProperty("center")
    public double[] center() {
        return center.clone();
    }

    @JsonProperty("scale")
    public double[] scale() {
        return scale.clone();
    }

    @JsonProperty("counts")
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int j = 0; j < counts.length; j++) {
            copy[j] = counts[j].clone();
        }
        return copy;
    }

    public long count(int j, int bin) {
        return counts[j][bin];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReferenceHistogram h && sameReference(h) && Arrays.deepEquals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(referenceVersion) + Arrays.deepHashCode(counts);
    }
}
