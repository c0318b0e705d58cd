package io.flead.platform.api;

import io.flead.model.FeatureContribution;
import io.flead.model.GlobalModel;
import io.flead.score.core.Score;
import io.flead.score.core.ScoreSettings;
import io.flead.score.core.Scorer;
import io.flead.score.core.ScoringModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code POST /api/predict}: scores one reading with the current global model through the score function's core. */
final class PredictResource {
    private final ModelRegistry models;

    PredictResource(ModelRegistry models) {
        this.models = models;
    }

    Object predict(Request r) throws Exception {
        r.query().allowOnly(Set.of());
        String body = r.body();
        GlobalModel model = models.currentScorable();
        double[] row = PredictInput.parse(body, model.featureNames());
        Scorer scorer = new Scorer(ScoreSettings.defaults());
        Score s = scorer.evaluateRow(ScoringModel.of(model), row, true);
        List<FeatureContribution> top = s.anomalous() || !Score.LOGISTIC.equals(s.method()) ? s.topFeatures()
            : scorer.evaluateRow(ScoringModel.of(alwaysFlagging(model)), row, true).topFeatures();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("score", s.score());
        answer.put("threshold", s.threshold());
        answer.put("is_anomaly", s.anomalous());
        answer.put("method", s.method());
        answer.put("model_version", model.version());
        answer.put("top_features", topFeatures(top));
        return answer;
    }

    /**
     * The model with threshold 0: the scoring core names the top features of flagged rows only, and a normal reading's
     * top features (its largest contributions to the same score) are asked for too.
     */
    static GlobalModel alwaysFlagging(GlobalModel m) {
        return new GlobalModel(m.version(), m.round(), m.ts(), m.strategy(), m.participants(), m.nSamples(),
            m.featureNames(), m.weights(), m.bias(), m.stats(), 0.0, m.eval(), m.rejected(), m.histogram());
    }

    private static List<Map<String, Object>> topFeatures(List<FeatureContribution> top) {
        return top.stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("feature", f.feature());
            m.put("value", f.value());
            m.put("z", f.z());
            m.put("contribution", f.contribution());
            return m;
        }).toList();
    }
}
