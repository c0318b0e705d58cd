package io.flead.bench.functions;

import io.flead.localtrain.core.DeviceWindow;
import io.flead.localtrain.core.LocalTrainSettings;
import io.flead.localtrain.core.LocalTrainer;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Local training of one window of {@value #ROWS} labelled rows at 25 features with the default settings
 * (3 epochs, batch 16): adding the rows, window statistics, evaluation of the global model, standardisation,
 * SGD and the reference histogram. One operation = one sample.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LocalTrainBenchmark {
    static final int ROWS = 1_000;

    private LocalTrainer trainer;
    private GlobalModel global;
    private double[][] rows;
    private byte[] labels;
    private long seq;

    @Setup
    public void setUp() {
        labels = new byte[ROWS];
        rows = BenchData.rows(ROWS, BenchData.FEATURES, labels, 1);
        global = BenchData.model(rows, BenchData.FEATURES, 7);
        trainer = new LocalTrainer(LocalTrainSettings.defaults().withFeatureNames(BenchData.names(BenchData.FEATURES))
            .withTrigger(ROWS, 60_000, 10, ROWS));
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public LocalModelUpdate trainWindow() {
        DeviceWindow window = trainer.empty("device_1");
        for (int i = 0; i < ROWS; i++) {
            trainer.addRow(window, rows[i], labels[i], seq++, i);
        }
        return trainer.finish(window, global, seq).orElseThrow();
    }
}
