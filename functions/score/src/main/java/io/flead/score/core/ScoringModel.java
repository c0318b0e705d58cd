package io.flead.score.core;

import io.flead.model.FeatureSpace;
import io.flead.model.GlobalModel;
import io.flead.model.MaxZRule;
import io.flead.model.Standardizer;

/**
 * A global model prepared for fast scoring: its feature space, standardiser and parameters. Preparing
 * costs O(d) once per model version instead of once per event.
 */
public final class ScoringModel {
    private final GlobalModel model;
    private final FeatureSpace space;
    private final Standardizer standardizer;
    private final double[] theta;
    private final boolean[] plain;

    private ScoringModel(GlobalModel model) {
        this.model = model;
        this.space = new FeatureSpace(model.featureNames());
        this.standardizer = model.stats() == null ? null : Standardizer.of(model.stats());
        int d = model.dimension();
        this.theta = new double[d + 1];
        this.plain = MaxZRule.plainFeatures(model.featureNames());
        if (model.hasWeights()) {
            System.arraycopy(model.weights(), 0, theta, 0, d);
            theta[d] = model.bias();
        }
    }

    public static ScoringModel of(GlobalModel model) {
        return new ScoringModel(model);
    }

    public GlobalModel model() {
        return model;
    }

    FeatureSpace space() {
        return space;
    }

    /** Null when the model carries no statistics (version 0). */
    Standardizer standardizer() {
        return standardizer;
    }

    double[] theta() {
        return theta;
    }

    /** Which features the max-|z| fallback looks at (see {@link MaxZRule}). */
    boolean[] plain() {
        return plain;
    }

    boolean logistic() {
        return model.hasWeights() && standardizer != null;
    }
}
