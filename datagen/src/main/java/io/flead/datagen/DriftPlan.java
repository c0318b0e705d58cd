package io.flead.datagen;

import java.util.List;

/**
 * The drift a device will show: which numeric columns shift, and by how many pre-drift standard deviations.
 *
 * @param features column names that shift
 * @param sigmas   size of each column's mean step, in standard deviations of its pre-drift values
 */
record DriftPlan(List<String> features, List<Double> sigmas) {

    DriftPlan {
        features = List.copyOf(features);
        sigmas = List.copyOf(sigmas);
        if (features.size() != sigmas.size() || features.isEmpty()) {
            throw new IllegalArgumentException("Invalid drift plan " + features + " / " + sigmas);
        }
    }
}
