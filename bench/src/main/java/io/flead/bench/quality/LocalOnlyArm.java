package io.flead.bench.quality;

import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.LogisticRegression;
import io.flead.model.Standardizer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The local-only baseline: every device standardises with its own statistics, trains alone from zero and
 * picks its own F1-maximising threshold on its own training rows (the prior 0.5 when it never saw an attack).
 */
public final class LocalOnlyArm {
    private LocalOnlyArm() {
    }

    /** One model per device, in device order. */
    public static List<GlobalModel> train(FleetData data, HarnessConfig config) {
        return data.train().parallelStream().map(dev -> trainDevice(dev, data.featureNames(), config)).toList();
    }

    static GlobalModel trainDevice(DeviceRows dev, List<String> names, HarnessConfig config) {
        int d = dev.d();
        FeatureStats stats = CentralizedArm.pooledStats(List.of(dev), d);
        Standardizer standardizer = Standardizer.of(stats);
        double[] z = new double[dev.n() * d];
        double[] row = new double[d];
        for (int i = 0; i < dev.n(); i++) {
            dev.copyRow(i, row);
            standardizer.apply(row, 0, z, i * d);
        }
        int[] order = new int[dev.n()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double[] theta = new double[d + 1];
        LogisticRegression sgd = new LogisticRegression(config.learningRate(), config.l2(), 0.0, config.batchSize());
        Random random = new Random(config.seed() ^ dev.deviceId().hashCode());
        double[] grad = new double[d + 1];
        for (int e = 0; e < config.localOnlyEpochs(); e++) {
            shuffle(order, random);
            sgd.epoch(z, dev.y(), order, dev.n(), d, theta, theta, grad);
        }
        double threshold = CentralizedArm.trainingThreshold(List.of(dev), standardizer, theta, d);
        return new GlobalModel(1, 1, 0, "local-only", 1, dev.n(), names, Arrays.copyOf(theta, d), theta[d], stats,
            threshold, null, null, null);
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
