package io.flead.bench.quality;

import io.flead.model.Eval;
import io.flead.model.EvalCounter;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.LogisticRegression;
import io.flead.model.Standardizer;
import io.flead.model.ThresholdSelector;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The centralised baseline: pooled statistics over all training rows, mini-batch SGD over all rows in
 * a global random order, and the F1-maximising threshold on the training rows (the same selector the
 * aggregator uses on its summed evaluation).
 */
public final class CentralizedArm {
    private CentralizedArm() {
    }

    public static GlobalModel train(FleetData data, HarnessConfig config) {
        List<DeviceRows> devices = data.train();
        int d = data.featureNames().size();
        FeatureStats stats = pooledStats(devices, d);
        Standardizer standardizer = Standardizer.of(stats);
        long[] index = globalIndex(devices);
        double[] theta = new double[d + 1];
        Random random = new Random(config.seed());
        double[] z = new double[config.batchSize() * d];
        byte[] y = new byte[config.batchSize()];
        int[] order = new int[config.batchSize()];
        double[] row = new double[d];
        double[] grad = new double[d + 1];
        LogisticRegression sgd = new LogisticRegression(config.learningRate(), config.l2(), 0.0, config.batchSize());
        for (int epoch = 0; epoch < config.centralEpochs(); epoch++) {
            shuffle(index, random);
            for (int start = 0; start < index.length; start += config.batchSize()) {
                int m = Math.min(config.batchSize(), index.length - start);
                for (int k = 0; k < m; k++) {
                    DeviceRows dev = devices.get((int) (index[start + k] >>> 32));
                    int i = (int) index[start + k];
                    dev.copyRow(i, row);
                    standardizer.apply(row, 0, z, k * d);
                    y[k] = dev.y()[i];
                    order[k] = k;
                }
                sgd.epoch(z, y, order, m, d, theta, theta, grad);
            }
        }
        double threshold = trainingThreshold(devices, standardizer, theta, d);
        return new GlobalModel(1, 1, 0, "centralized", devices.size(), index.length, data.featureNames(),
            Arrays.copyOf(theta, d), theta[d], stats, threshold, null, null, null);
    }

    static FeatureStats pooledStats(List<DeviceRows> devices, int d) {
        FeatureStats pooled = new FeatureStats(d);
        double[] row = new double[d];
        for (DeviceRows dev : devices) {
            FeatureStats own = new FeatureStats(d);
            for (int i = 0; i < dev.n(); i++) {
                dev.copyRow(i, row);
                own.add(row);
            }
            pooled.mergeInPlace(own);
        }
        return pooled;
    }

    /** The F1-maximising threshold of {@code theta} on the given rows. */
    static double trainingThreshold(List<DeviceRows> devices, Standardizer standardizer, double[] theta, int d) {
        EvalCounter counter = new EvalCounter(0.5);
        double[] row = new double[d];
        double[] z = new double[d];
        for (DeviceRows dev : devices) {
            for (int i = 0; i < dev.n(); i++) {
                dev.copyRow(i, row);
                standardizer.apply(row, 0, z, 0);
                counter.add(LogisticRegression.margin(theta, z, 0, d), dev.y()[i]);
            }
        }
        Eval eval = counter.toEval();
        return ThresholdSelector.maximiseF1(eval.scoreHistPos(), eval.scoreHistNeg(), GlobalModel.PRIOR_THRESHOLD);
    }

    private static long[] globalIndex(List<DeviceRows> devices) {
        long[] index = new long[devices.stream().mapToInt(DeviceRows::n).sum()];
        int k = 0;
        for (int dev = 0; dev < devices.size(); dev++) {
            for (int i = 0; i < devices.get(dev).n(); i++) {
                index[k++] = ((long) dev << 32) | i;
            }
        }
        return index;
    }

    private static void shuffle(long[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
