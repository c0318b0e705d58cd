package io.flead.bench.functions;

import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic rows and models for the JMH benchmarks: d features, roughly a quarter of the rows attacks. */
final class BenchData {
    static final int FEATURES = 25;

    private BenchData() {
    }

    static List<String> names(int d) {
        List<String> names = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            names.add("f" + j);
        }
        return names;
    }

    /** n rows row-major; attacks (label 1) shift the first five features. */
    static double[][] rows(int n, int d, byte[] labelsOut, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            labelsOut[i] = (byte) (random.nextInt(4) == 0 ? 1 : 0);
            for (int j = 0; j < d; j++) {
                rows[i][j] = 10 * j + random.nextGaussian() * (1 + j % 3) + (labelsOut[i] == 1 && j < 5 ? 3 : 0);
            }
        }
        return rows;
    }

    /** A trained-looking global model over {@code d} features with statistics of {@code rows}. */
    static GlobalModel model(double[][] rows, int d, long version) {
        FeatureStats stats = FeatureStats.of(rows, d);
        Random random = new Random(version);
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = j < 5 ? 1.0 : random.nextGaussian() * 0.1;
        }
        return new GlobalModel(version, version, 0, "fedavg", 20, rows.length, names(d), w, -2.0, stats, 0.5,
            Eval.EMPTY, List.of(), null);
    }
}
