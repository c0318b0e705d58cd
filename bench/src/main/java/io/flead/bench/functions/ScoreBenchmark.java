package io.flead.bench.functions;

import io.flead.model.GlobalModel;
import io.flead.model.TelemetryEvent;
import io.flead.score.core.ScoreSettings;
import io.flead.score.core.Scorer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Scoring decoded telemetry events (25 features in a map, as the shells hand them over) with a trained
 * global model: feature lookup, standardisation, the logistic score, and top features for anomalies.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScoreBenchmark {
    static final int EVENTS = 1_000;

    private Scorer scorer;
    private GlobalModel model;
    private TelemetryEvent[] events;

    @Setup
    public void setUp() {
        byte[] labels = new byte[EVENTS];
        double[][] rows = BenchData.rows(EVENTS, BenchData.FEATURES, labels, 2);
        model = BenchData.model(rows, BenchData.FEATURES, 7);
        List<String> names = BenchData.names(BenchData.FEATURES);
        events = new TelemetryEvent[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            Map<String, Double> features = new HashMap<>();
            for (int j = 0; j < names.size(); j++) {
                features.put(names.get(j), rows[i][j]);
            }
            events[i] = new TelemetryEvent("device_1", i, i, features, (int) labels[i], null);
        }
        scorer = new Scorer(ScoreSettings.defaults());
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void scoreEvents(Blackhole sink) {
        for (TelemetryEvent e : events) {
            sink.consume(scorer.score(e, model));
        }
    }
}
