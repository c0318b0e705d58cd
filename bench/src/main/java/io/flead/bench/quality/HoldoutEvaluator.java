package io.flead.bench.quality;

import io.flead.model.Eval;
import io.flead.model.EvalCounter;
import io.flead.model.GlobalModel;
import io.flead.score.core.Score;
import io.flead.score.core.ScoreSettings;
import io.flead.score.core.Scorer;
import io.flead.score.core.ScoringModel;
import java.util.List;

/**
 * Scores held-out rows with the real {@link Scorer} and sums the confusion counts; the ROC-AUC is
 * computed from the scores (the probability, or max |z| for a model without weights).
 */
public final class HoldoutEvaluator {
    private HoldoutEvaluator() {
    }

    /** One model on all the given devices' rows. */
    public static Verdicts evaluate(GlobalModel model, List<DeviceRows> devices) {
        int total = devices.stream().mapToInt(DeviceRows::n).sum();
        double[] scores = new double[total];
        byte[] labels = new byte[total];
        Counts counts = new Counts();
        int k = 0;
        Scorer scorer = new Scorer(new ScoreSettings(0));
        ScoringModel prepared = scorer.prepare(model);
        for (DeviceRows device : devices) {
            k = scoreDevice(scorer, prepared, device, scores, labels, k, counts);
        }
        return new Verdicts(counts.toEval(), RocAuc.of(scores, labels, total));
    }

    /** Each device's own model on its own rows, counts summed (the local-only arm). */
    public static Verdicts evaluateEach(List<GlobalModel> models, List<DeviceRows> devices) {
        int total = devices.stream().mapToInt(DeviceRows::n).sum();
        double[] scores = new double[total];
        byte[] labels = new byte[total];
        Counts counts = new Counts();
        Scorer scorer = new Scorer(new ScoreSettings(0));
        int k = 0;
        for (int i = 0; i < devices.size(); i++) {
            k = scoreDevice(scorer, scorer.prepare(models.get(i)), devices.get(i), scores, labels, k, counts);
        }
        return new Verdicts(counts.toEval(), RocAuc.of(scores, labels, total));
    }

    private static int scoreDevice(Scorer scorer, ScoringModel model, DeviceRows device, double[] scores,
                                   byte[] labels, int k, Counts counts) {
        double[] row = new double[device.d()];
        for (int i = 0; i < device.n(); i++) {
            device.copyRow(i, row);
            Score s = scorer.evaluateRow(model, row, false);
            scores[k] = Double.isNaN(s.score()) ? 0.0 : s.score();
            labels[k++] = device.y()[i];
            counts.add(s.anomalous(), device.y()[i]);
        }
        return k;
    }

    /** Confusion counts of predictions. */
    private static final class Counts {
        private final EvalCounter counter = new EvalCounter(0.5);

        void add(boolean predicted, int label) {
            counter.addPrediction(predicted, label);
        }

        Eval toEval() {
            Eval e = counter.toEval();
            return Eval.counts(e.tp(), e.fp(), e.tn(), e.fn());
        }
    }
}
