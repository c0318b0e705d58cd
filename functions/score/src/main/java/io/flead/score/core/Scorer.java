package io.flead.score.core;

import io.flead.model.Anomaly;
import io.flead.model.FeatureContribution;
import io.flead.model.GlobalModel;
import io.flead.model.LogisticRegression;
import io.flead.model.MaxZRule;
import io.flead.model.TelemetryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scores telemetry rows with the current global model.
 *
 * <p>With weights and statistics: p = sigmoid(w.f(z) + b) on the row standardised with the pooled
 * statistics (f compresses heavy tails, see {@link io.flead.model.Standardizer}), anomalous when p &ge; the
 * model's threshold; the top features are those with the largest |w_j f(z_j)|. With statistics but no weights (before a round has trained anything): the fallback
 * max_j |z_j| &gt; 2.5, the top features being the largest |z_j|. With no statistics at all (version 0)
 * there is no reference to compare with, so the row is {@code not_scorable} and never an anomaly; this
 * lasts only until the first round closes. Missing features are imputed with the mean (z = 0).
 *
 * <p>Not thread-safe: it reuses scratch arrays and caches the prepared model; use one per thread.
 */
public final class Scorer {
    private final ScoreSettings settings;
    private ScoringModel prepared;
    private double[] raw = new double[0];
    private double[] z = new double[0];

    public Scorer(ScoreSettings settings) {
        this.settings = settings;
    }

    /** An anomaly for the event, or empty when it is normal or not scorable. */
    public Optional<Anomaly> score(TelemetryEvent event, GlobalModel model) {
        Score s = evaluate(event, model);
        return s.anomalous() ? Optional.of(anomaly(event.deviceId(), event.ts(), event.seq(), event.label(), s, model))
            : Optional.empty();
    }

    /**
     * An anomaly for a row whose features are already in the model's feature order (as
     * {@link io.flead.model.FeatureSpace#fill} writes them), or empty when it is normal or not scorable.
     */
    public Optional<Anomaly> score(String deviceId, long ts, long seq, Integer label, double[] row, GlobalModel model) {
        Score s = evaluateRow(prepare(model), row, true);
        return s.anomalous() ? Optional.of(anomaly(deviceId, ts, seq, label, s, model)) : Optional.empty();
    }

    private static Anomaly anomaly(String deviceId, long ts, long seq, Integer label, Score s, GlobalModel model) {
        return new Anomaly(deviceId, ts, seq, s.score(), s.threshold(), model.version(), label, s.topFeatures(),
            s.method());
    }

    /** The full verdict on the event (also for normal rows), reusing the prepared model while it is the same. */
    public Score evaluate(TelemetryEvent event, GlobalModel model) {
        ScoringModel m = prepare(model);
        if (m.standardizer() == null) {
            return Score.notScorable();
        }
        m.space().fill(event.features(), raw, 0);
        return evaluateRow(m, raw, true);
    }

    /** The verdict on a raw row already in the model's feature order (NaN = missing). */
    public Score evaluateRow(ScoringModel m, double[] row, boolean withTopFeatures) {
        if (m.standardizer() == null) {
            return Score.notScorable();
        }
        int d = m.model().dimension();
        ensureScratch(d);
        if (m.logistic()) {
            m.standardizer().apply(row, 0, z, 0);
            double margin = LogisticRegression.margin(m.theta(), z, 0, d);
            double p = LogisticRegression.sigmoid(margin);
            boolean anomalous = p >= m.model().threshold();
            return new Score(Score.LOGISTIC, p, m.model().threshold(), anomalous, margin,
                anomalous && withTopFeatures ? top(m, row, true) : List.of());
        }
        m.standardizer().applyRawZ(row, 0, z, 0);
        double maxZ = MaxZRule.maxAbsZ(z, 0, m.plain());
        boolean anomalous = MaxZRule.anomalous(maxZ);
        return new Score(Score.MAX_Z, maxZ, MaxZRule.THRESHOLD, anomalous, Double.NaN,
            anomalous && withTopFeatures ? top(m, row, false) : List.of());
    }

    /** The prepared form of {@code model}, cached while the same instance keeps coming. */
    public ScoringModel prepare(GlobalModel model) {
        if (prepared == null || prepared.model() != model) {
            prepared = ScoringModel.of(model);
            ensureScratch(model.dimension());
        }
        return prepared;
    }

    private void ensureScratch(int d) {
        if (raw.length != d) {
            raw = new double[d];
            z = new double[d];
        }
    }

    private List<FeatureContribution> top(ScoringModel m, double[] row, boolean weighted) {
        int d = m.model().dimension();
        int k = Math.min(settings.topFeatures(), d);
        List<FeatureContribution> top = new ArrayList<>(k);
        boolean[] taken = new boolean[d];
        for (int n = 0; n < k; n++) {
            int best = -1;
            double bestAbs = -1;
            for (int j = 0; j < d; j++) {
                double c = weighted ? m.theta()[j] * z[j] : z[j];
                if (!taken[j] && (weighted || m.plain()[j]) && Math.abs(c) > bestAbs) {
                    best = j;
                    bestAbs = Math.abs(c);
                }
            }
            if (best < 0) {
                break;
            }
            taken[best] = true;
            double c = weighted ? m.theta()[best] * z[best] : z[best];
            top.add(new FeatureContribution(m.model().featureNames().get(best),
                Double.isNaN(row[best]) ? null : row[best], m.standardizer().z(best, row[best]), c));
        }
        return top;
    }
}
