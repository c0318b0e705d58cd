package io.flead.score.core;

import static io.flead.model.SettingsException.require;

/**
 * Settings of scoring, validated on construction.
 *
 * @param topFeatures how many top contributing features an anomaly names ({@value #TOP_FEATURES}, default 3)
 */
public record ScoreSettings(int topFeatures) {
    public static final String TOP_FEATURES = "top.features";

    public ScoreSettings {
        require(topFeatures >= 0 && topFeatures <= 1000, TOP_FEATURES, topFeatures, "must be between 0 and 1000");
    }

    public static ScoreSettings defaults() {
        return new ScoreSettings(3);
    }
}
