package io.flead.fedavg.core;

import io.flead.model.ClassMoments;
import io.flead.model.Eval;
import io.flead.model.EvalCounter;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import java.util.List;

/** Builders of updates and global models for the aggregation tests. */
final class Updates {
    static final List<String> NAMES = List.of("a", "b");

    private Updates() {
    }

    static LocalModelUpdate update(String device, long baseVersion, long n, double w0, double w1, double bias) {
        FeatureStats stats = FeatureStats.of(new double[][] {{w0, 1}, {w0 + 1, 2}}, 2);
        return new LocalModelUpdate(device + "-" + baseVersion + "-" + n + "-" + w0, device, baseVersion, 100, n, NAMES,
            new double[] {w0, w1}, bias, stats, 0.3, Eval.counts(1, 0, 1, 0), null);
    }

    static LocalModelUpdate withEval(LocalModelUpdate u, Eval eval) {
        return new LocalModelUpdate(u.updateId(), u.deviceId(), u.baseVersion(), u.ts(), u.nSamples(),
            u.featureNames(), u.weights(), u.bias(), u.stats(), u.loss(), eval, u.histogram());
    }

    /** {@code u} carrying the class moments of rows {@code positives} (attacks) and {@code negatives} over a and b. */
    static LocalModelUpdate withMoments(LocalModelUpdate u, double[][] positives, double[][] negatives) {
        ClassMoments moments = ClassMoments.empty(2);
        for (double[] row : positives) {
            moments.add(row, 0, true);
        }
        for (double[] row : negatives) {
            moments.add(row, 0, false);
        }
        return new LocalModelUpdate(u.updateId(), u.deviceId(), u.baseVersion(), u.ts(), u.nSamples(),
            u.featureNames(), u.weights(), u.bias(), u.stats(), u.loss(), u.eval(), u.histogram(), u.firstSeq(),
            u.lastSeq(), u.fit(), moments);
    }

    static Eval separable(int n, double negMargin, double posMargin) {
        EvalCounter counter = new EvalCounter(0.5);
        for (int i = 0; i < n; i++) {
            counter.add(negMargin, 0);
            counter.add(posMargin, 1);
        }
        return counter.toEval();
    }

    static GlobalModel global(long version, double w0, double w1, double bias) {
        return new GlobalModel(version, version, 0, "fedavg", 2, 10, NAMES, new double[] {w0, w1}, bias,
            FeatureStats.of(new double[][] {{0, 0}, {2, 2}}, 2), 0.5, null, null, null);
    }
}
