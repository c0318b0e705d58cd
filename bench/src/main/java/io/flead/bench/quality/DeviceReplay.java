package io.flead.bench.quality;

import io.flead.driftcheck.core.DeviceDriftState;
import io.flead.driftcheck.core.DriftDetector;
import io.flead.driftcheck.core.DriftFinding;
import io.flead.driftcheck.core.DriftReference;
import io.flead.driftcheck.core.ModelVerdict;
import io.flead.model.EdgeIiotFeatures;
import io.flead.model.GlobalModel;
import io.flead.score.core.Score;
import io.flead.score.core.ScoreSettings;
import io.flead.score.core.Scorer;
import io.flead.score.core.ScoringModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a device's rows through the drift-check core as drift-check sees them: the monitored features, labelled
 * attack rows kept out, and for every other row the verdict of one fixed model (as if no new version arrived).
 */
final class DeviceReplay {
    private static final long ROW_MS = 1_000;

    private final DriftDetector detector;
    private final DriftReference reference;
    private final GlobalModel model;
    private final Scorer scorer = new Scorer(new ScoreSettings(0));
    private final ScoringModel prepared;
    private final int[] columns;

    DeviceReplay(DriftDetector detector, DriftReference reference, GlobalModel model) {
        this.detector = detector;
        this.reference = reference;
        this.model = model;
        this.prepared = scorer.prepare(model);
        this.columns = reference.featureNames().stream().mapToInt(EdgeIiotFeatures.MODEL::indexOf).toArray();
        for (int c : columns) {
            if (c < 0) {
                throw new IllegalArgumentException("reference features " + reference.featureNames()
                    + " are not all model features");
            }
        }
    }

    /** Every finding over the device's rows, with its labels as drift-check's attack flags. */
    List<DriftFinding> run(DeviceRows rows) {
        boolean[] labelled = new boolean[rows.n()];
        for (int i = 0; i < rows.n(); i++) {
            labelled[i] = rows.y()[i] == 1;
        }
        List<DriftFinding> out = new ArrayList<>();
        replay(rows, labelled, rows.n(), (i, f) -> out.add(f));
        return out;
    }

    /**
     * Rows from {@code start} to the first finding after it on the injected feature (any feature when none is named),
     * or -1 when there is none within {@code maxDelay} rows.
     */
    int delay(DriftInjections.Injected injected, int start, int maxDelay) {
        int[] first = {-1};
        replay(injected.rows(), injected.labelledAttack(), Math.min(injected.rows().n(), start + maxDelay + 1), (i, f) -> {
            if (first[0] < 0 && i >= start && (injected.feature() == null || injected.feature().equals(f.feature()))) {
                first[0] = i - start;
            }
        });
        return first[0];
    }

    private interface FindingSink {
        void accept(int row, DriftFinding finding);
    }

    private void replay(DeviceRows rows, boolean[] labelled, int upTo, FindingSink sink) {
        DeviceDriftState state = detector.empty(rows.deviceId());
        double[] row = new double[rows.d()];
        double[] monitored = new double[columns.length];
        for (int i = 0; i < upTo; i++) {
            rows.copyRow(i, row);
            for (int k = 0; k < columns.length; k++) {
                monitored[k] = row[columns[k]];
            }
            ModelVerdict verdict = labelled[i] ? null : verdict(row);
            long now = i * ROW_MS;
            detector.add(state, reference, monitored, labelled[i], verdict, now);
            for (DriftFinding f : detector.check(state, reference, now)) {
                sink.accept(i, f);
            }
        }
    }

    private ModelVerdict verdict(double[] row) {
        Score s = scorer.evaluateRow(prepared, row, false);
        return Score.NOT_SCORABLE.equals(s.method()) ? null : new ModelVerdict(s.anomalous(), model.version());
    }
}
