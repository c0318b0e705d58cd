package io.flead.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One feature's part in an anomaly score: its raw value (null when missing), its z-score and its contribution. */
public record FeatureContribution(
    @JsonProperty(value = "feature", required = true) String feature,
    @JsonProperty("value") Double value,
    @JsonProperty("z") double z,
    @JsonProperty("contribution") double contribution) {

    public FeatureContribution {
        Require.nonNull(feature, "feature");
    }
}
