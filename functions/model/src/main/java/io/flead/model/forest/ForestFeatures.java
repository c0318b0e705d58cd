package io.flead.model.forest;

import io.flead.model.Standardizer;

/**
 * The forest's view of a raw feature row: each value squashed by {@code sign(x) log(1 + |x|)} (the logistic path's
 * tail compression, {@link Standardizer#squash}) and missing values as 0. The transform needs no statistics, so
 * trees grown on any device, in any round, split the same space.
 */
public final class ForestFeatures {
    private ForestFeatures() {
    }

    public static double of(double raw) {
        return Double.isNaN(raw) ? 0.0 : Standardizer.squash(raw);
    }

    /** Transforms {@code n * d} raw values from {@code raw} into {@code out}. */
    public static void apply(double[] raw, double[] out, int length) {
        for (int i = 0; i < length; i++) {
            out[i] = of(raw[i]);
        }
    }
}
