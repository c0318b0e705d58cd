package io.flead.datagen;

import java.time.Instant;
import java.util.List;

/**
 * Where and how a device drifts: its shifted features and the first shifted row of its training file;
 * every held-out row of the device is shifted too.
 *
 * @param features  the shifted features
 * @param startRow  0-based index of the first shifted data row in the training file (header excluded)
 * @param startLine 1-based line number of that row in the file (the header is line 1)
 * @param startTime the {@code frame.time} of that row
 */
public record DeviceDrift(List<DriftedFeature> features, int startRow, int startLine, Instant startTime) {

    public DeviceDrift {
        features = List.copyOf(features);
    }

    /** The names of the shifted features. */
    public List<String> featureNames() {
        return features.stream().map(DriftedFeature::feature).toList();
    }
}
