package io.flead.bench.quality;

import io.flead.model.Eval;

/**
 * The two baselines that learn nothing or almost nothing, on the held-out rows: the {@link SignatureRules} and the
 * {@link SingleFeatureThreshold} chosen on the training rows.
 */
public record Baselines(Eval rules, SingleFeatureThreshold singleFeature, Eval singleFeatureEval) {
    /** Rows sampled from the training rows to choose the single-feature threshold on. */
    static final int SINGLE_FEATURE_ROWS = 100_000;

    public static Baselines of(FleetData data, long seed) {
        SingleFeatureThreshold single = SingleFeatureThreshold.fit(data.train(), SINGLE_FEATURE_ROWS, seed);
        return new Baselines(new SignatureRules(data.featureNames()).evaluate(data.holdout()), single,
            single.evaluate(data.holdout()));
    }
}
