package io.flead.datagen;

/**
 * One feature a drifted device shifted.
 *
 * @param feature        the Edge-IIoTset column name
 * @param sigmas         size of the step in pre-drift standard deviations
 * @param preDriftMean   the column's mean over the packets carrying it (non-zero values) before the drift
 * @param preDriftStd    the standard deviation of those values
 * @param shiftPerPacket what was added to each non-zero value from the drift on (zeros mean the layer is
 *                       absent from the packet and stay zero)
 */
public record DriftedFeature(String feature, double sigmas, double preDriftMean, double preDriftStd,
                             double shiftPerPacket) {
}
