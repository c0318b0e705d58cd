package io.flead.bench.functions;

import io.flead.model.EdgeIiotFeatures;
import io.flead.model.forest.ForestAggregator;
import io.flead.model.forest.ForestFeatures;
import io.flead.model.forest.ForestModel;
import io.flead.model.forest.ForestScorer;
import io.flead.model.forest.ForestSettings;
import io.flead.model.forest.LocalForestTrainer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The forest kind at the default settings over the model's feature space: a device training its update on a window
 * of {@value #WINDOW} rows (feature transform, the trees, the score sketch), and scoring raw rows with a full global
 * ensemble (feature transform and the weighted mean path length), both in samples per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ForestBenchmark {
    static final int WINDOW = 500;
    static final int ROWS = 1_000;

    private final ForestSettings settings = ForestSettings.defaults();
    private final int d = EdgeIiotFeatures.MODEL.size();
    private LocalForestTrainer trainer;
    private ForestScorer scorer;
    private double[] raw;
    private double[] window;
    private double[] row;
    private long seed;

    @Setup
    public void setUp() {
        raw = rows(ROWS, d, 3);
        window = new double[WINDOW * d];
        row = new double[d];
        trainer = new LocalForestTrainer(settings);
        ForestAggregator aggregator = new ForestAggregator(settings, EdgeIiotFeatures.MODEL);
        ForestAggregator.State s = aggregator.empty();
        double[] x = new double[ROWS * d];
        ForestFeatures.apply(raw, x, x.length);
        for (int k = 0; k < settings.maxTrees() / settings.treesPerUpdate(); k++) {
            LocalForestTrainer.LocalForest local = trainer.train(x, ROWS, d, k);
            s = aggregator.add(s, trainer.update("u" + k, "device_" + k, 0, 0, EdgeIiotFeatures.MODEL, local));
        }
        ForestModel model = aggregator.finish(s, 0).model().orElseThrow();
        scorer = model.scorer();
    }

    /** Rows with a few heavy-tailed counters, many small integers and sparse indicators, like the datagen fleet. */
    static double[] rows(int n, int d, long seed) {
        Random random = new Random(seed);
        double[] rows = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = j % 3 == 0 ? Math.exp(3 + 2 * random.nextGaussian()) : j % 3 == 1
                    ? random.nextInt(8) : (random.nextInt(10) == 0 ? 1 : 0);
                rows[i * d + j] = v;
            }
        }
        return rows;
    }

    @Benchmark
    @OperationsPerInvocation(WINDOW)
    public void trainWindow(Blackhole sink) {
        ForestFeatures.apply(raw, window, window.length);
        sink.consume(trainer.train(window, WINDOW, d, seed++));
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void scoreRows(Blackhole sink) {
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < d; j++) {
                row[j] = ForestFeatures.of(raw[i * d + j]);
            }
            sink.consume(scorer.score(row, 0));
        }
    }
}
