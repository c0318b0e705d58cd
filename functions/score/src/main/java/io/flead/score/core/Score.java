package io.flead.score.core;

import io.flead.model.FeatureContribution;
import java.util.List;

/**
 * The verdict on one row: how it was scored, the score against its threshold and the top features.
 *
 * @param method {@code logistic}, {@code max_z} or {@code not_scorable}
 * @param margin the logistic margin (log-odds) for {@code logistic}, else NaN
 */
public record Score(String method, double score, double threshold, boolean anomalous, double margin,
                    List<FeatureContribution> topFeatures) {
    public static final String LOGISTIC = "logistic";
    public static final String MAX_Z = "max_z";
    public static final String NOT_SCORABLE = "not_scorable";

    static Score notScorable() {
        return new Score(NOT_SCORABLE, Double.NaN, Double.NaN, false, Double.NaN, List.of());
    }
}
