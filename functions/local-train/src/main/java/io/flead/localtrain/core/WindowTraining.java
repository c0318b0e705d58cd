package io.flead.localtrain.core;

import io.flead.model.ClassMoments;
import io.flead.model.Eval;
import io.flead.model.EvalCounter;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import io.flead.model.LogisticRegression;
import io.flead.model.MaxZRule;
import io.flead.model.ReferenceHistogram;
import io.flead.model.Standardizer;
import java.util.Arrays;
import java.util.Random;

/**
 * One local training run on a window: evaluate the base global model on the labelled rows, then run
 * E epochs of mini-batch SGD from the global parameters on the rows standardised with the global stats.
 *
 * <p>Before the global model has statistics (version 0) nothing can be standardised consistently across
 * devices, so the update carries only the window's statistics: zero weights and {@code n_samples = 0},
 * which the aggregator pools into the first statistics without averaging any weights. Once it has statistics but no
 * weights yet, the update's per-class moments of the window in the model's feature space are what the aggregator
 * builds the first weighted version from (see {@link ClassMoments}); every later update carries them too, and the
 * aggregator places each new version's threshold between the class means they give.
 */
final class WindowTraining {
    private final LocalTrainSettings settings;
    private final WindowData data;
    private final GlobalModel global;

    WindowTraining(LocalTrainSettings settings, WindowData data, GlobalModel global) {
        this.settings = settings;
        this.data = data;
        this.global = global;
    }

    LocalModelUpdate run(String updateId, String deviceId, long nowMs, long firstSeq, long lastSeq) {
        int d = data.d();
        if (global.stats() == null) {
            return update(updateId, deviceId, nowMs, new double[d + 1], 0, 0.0, Eval.EMPTY, null, firstSeq, lastSeq, null,
                null);
        }
        Standardizer standardizer = Standardizer.of(global.stats());
        int m = data.labelledCount();
        double[] z = new double[m * d];
        byte[] y = new byte[m];
        standardiseLabelled(standardizer, z, y);
        double[] theta = initialParameters(d);
        Eval eval = global.hasWeights() ? evaluate(theta, z, y, m, d) : evaluateFallback(standardizer);
        double loss = train(theta, z, y, m, d, updateId);
        Eval fit = m == 0 ? null : fitted(theta, z, y, m, d);
        ClassMoments moments = m == 0 ? null : classMoments(z, y, m, d);
        return update(updateId, deviceId, nowMs, theta, m, loss, eval, histogram(), firstSeq, lastSeq, fit, moments);
    }

    private static ClassMoments classMoments(double[] z, byte[] y, int m, int d) {
        ClassMoments moments = ClassMoments.empty(d);
        for (int i = 0; i < m; i++) {
            moments.add(z, i * d, y[i] == 1);
        }
        return moments;
    }

    /**
     * The trained model's own margins on the window it trained on. They set the threshold of the first global version
     * that has weights, when no version with weights has been evaluated on fresh rows yet.
     */
    private static Eval fitted(double[] theta, double[] z, byte[] y, int m, int d) {
        EvalCounter counter = new EvalCounter(GlobalModel.PRIOR_THRESHOLD);
        for (int i = 0; i < m; i++) {
            counter.add(LogisticRegression.margin(theta, z, i * d, d), y[i]);
        }
        return counter.toEval();
    }

    private void standardiseLabelled(Standardizer standardizer, double[] z, byte[] y) {
        int d = data.d();
        int k = 0;
        for (int i = 0; i < data.n(); i++) {
            if (data.labels()[i] >= 0) {
                standardizer.apply(data.rows(), i * d, z, k * d);
                y[k++] = data.labels()[i];
            }
        }
    }

    private double[] initialParameters(int d) {
        double[] theta = new double[d + 1];
        if (global.hasWeights()) {
            System.arraycopy(global.weights(), 0, theta, 0, d);
            theta[d] = global.bias();
        }
        return theta;
    }

    /** The base model's confusion counts and margin histograms on the window's labelled rows. */
    private Eval evaluate(double[] theta, double[] z, byte[] y, int m, int d) {
        EvalCounter counter = new EvalCounter(global.threshold());
        for (int i = 0; i < m; i++) {
            counter.add(LogisticRegression.margin(theta, z, i * d, d), y[i]);
        }
        return counter.toEval();
    }

    /** Before the global model has weights, the max-|z| rule is what scores, so that is what is evaluated. */
    private Eval evaluateFallback(Standardizer standardizer) {
        EvalCounter counter = new EvalCounter(global.threshold());
        boolean[] plain = MaxZRule.plainFeatures(global.featureNames());
        for (int i = 0; i < data.n(); i++) {
            if (data.labels()[i] >= 0) {
                boolean predicted = MaxZRule.anomalous(MaxZRule.maxAbsZ(standardizer, data.rows(), i * data.d(), plain));
                counter.addPrediction(predicted, data.labels()[i]);
            }
        }
        return counter.toEval();
    }

    private double train(double[] theta, double[] z, byte[] y, int m, int d, String updateId) {
        if (m == 0) {
            return 0.0;
        }
        LogisticRegression sgd = new LogisticRegression(settings.learningRate(), settings.l2(), settings.proxMu(),
            settings.batchSize());
        double[] anchor = theta.clone();
        double[] grad = new double[d + 1];
        int[] order = new int[m];
        Random random = new Random(updateId.hashCode());
        for (int e = 0; e < settings.epochs(); e++) {
            shuffle(order, random, e == 0);
            sgd.epoch(z, y, order, m, d, theta, anchor, grad);
        }
        return LogisticRegression.meanLoss(theta, z, y, m, d);
    }

    private static void shuffle(int[] order, Random random, boolean init) {
        if (init) {
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private ReferenceHistogram histogram() {
        if (!settings.referenceHistogram()) {
            return null;
        }
        ReferenceHistogram histogram = ReferenceHistogram.relativeTo(global.version(), global.stats());
        for (int i = 0; i < data.n(); i++) {
            histogram.addRow(data.rows(), i * data.d());
        }
        return histogram;
    }

    private LocalModelUpdate update(String updateId, String deviceId, long nowMs, double[] theta, long nSamples,
                                    double loss, Eval eval, ReferenceHistogram histogram, long firstSeq, long lastSeq,
                                    Eval fit, ClassMoments moments) {
        int d = data.d();
        return new LocalModelUpdate(updateId, deviceId, global.version(), nowMs, nSamples, global.featureNames(),
            Arrays.copyOf(theta, d), theta[d], data.stats(), loss, eval, histogram, firstSeq, lastSeq, fit, moments);
    }
}
