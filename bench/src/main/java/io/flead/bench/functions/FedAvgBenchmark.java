package io.flead.bench.functions;

import io.flead.fedavg.core.Aggregator;
import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.core.RoundBuffer;
import io.flead.model.EvalCounter;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Aggregating one round of {@value #UPDATES} updates at 25 features with plain FedAvg: validation,
 * latest-per-device, weighted mean, exact statistics merge, evaluation sums and threshold choice.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FedAvgBenchmark {
    static final int UPDATES = 1_000;

    private Aggregator aggregator;
    private GlobalModel previous;
    private LocalModelUpdate[] updates;

    @Setup
    public void setUp() {
        int d = BenchData.FEATURES;
        byte[] labels = new byte[50];
        double[][] rows = BenchData.rows(50, d, labels, 3);
        previous = BenchData.model(rows, d, 7);
        aggregator = new Aggregator(FedAvgSettings.defaults().withRound(UPDATES, 60_000, 1));
        Random random = new Random(4);
        updates = new LocalModelUpdate[UPDATES];
        for (int i = 0; i < UPDATES; i++) {
            double[] w = previous.weights().clone();
            for (int j = 0; j < d; j++) {
                w[j] += random.nextGaussian() * 0.05;
            }
            EvalCounter eval = new EvalCounter(0.5);
            for (int k = 0; k < 50; k++) {
                eval.add(random.nextGaussian() * 3, labels[k]);
            }
            updates[i] = new LocalModelUpdate("u" + i, "device_" + i, 7, 0, 50, previous.featureNames(), w,
                previous.bias(), FeatureStats.of(rows, d), 0.3, eval.toEval(), null);
        }
    }

    @Benchmark
    public GlobalModel aggregateRound() {
        RoundBuffer buffer = aggregator.empty();
        for (LocalModelUpdate u : updates) {
            aggregator.add(buffer, u, 0);
        }
        return aggregator.close(buffer, previous, 1).global();
    }
}
