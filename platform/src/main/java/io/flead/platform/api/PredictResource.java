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
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("score", s.score());
        answer.put("threshold", s.threshold());
        answer.put("is_anomaly", s.anomalous());
        answer.put("method", s.method());
        answer.put("model_version", model.version());
        answer.put("top_features", topFeatures(s.topFeatures()));
        return answer;
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
