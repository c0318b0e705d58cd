package io.flead.datagen;

/**
 * One feature a drifted device shifted.
 *
 * @param feature        the Edge-IIoTset column name
 * @param sigmas         size of the mean step in pre-drift standard deviations
 * @param preDriftMean   the column's mean over the device's training rows before the drift
 * @param preDriftStd    its standard deviation over those rows
 * @param shiftPerPacket what was added to each non-zero value from the drift on (zeros mean the layer is absent)
 */
public record DriftedFeature(String feature, double sigmas, double preDriftMean, double preDriftStd,
                             double shiftPerPacket) {
}
