package io.flead.driftcheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.runtime.FoldStateSerde;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeviceDriftStateSerdeTest {
    private static final int K = 6;

    @Test
    void stateSurvivesTheStoreSerdeMidStreamAndDecidesTheSame() {
        DriftDetector detector = new DriftDetector(DriftSettings.DEFAULTS);
        DriftReference ref = new DriftReference(3, IntStream.range(0, K)
            .mapToObj(i -> FeatureReference.normal("f" + i, 10_000, 0, 1)).toList());
        FoldStateSerde<DeviceDriftState> serde = new FoldStateSerde<>(DeviceDriftState.class);
        Random rnd = new Random(5);
        List<double[]> rows = new ArrayList<>();
        for (int t = 0; t < 3_000; t++) {
            double[] r = new double[K];
            for (int i = 0; i < K; i++) {
                r[i] = rnd.nextGaussian() + (i == 2 && t >= 1_700 ? 1.0 : 0.0);
            }
            rows.add(r);
        }
        DeviceDriftState kept = detector.empty("dev-1");
        DeviceDriftState stored = detector.empty("dev-1");
        List<DriftFinding> fromKept = new ArrayList<>();
        List<DriftFinding> fromStored = new ArrayList<>();
        for (int t = 0; t < rows.size(); t++) {
            boolean anomalous = t % 9 == 0;
            detector.add(kept, ref, rows.get(t), anomalous, t);
            fromKept.addAll(detector.check(kept, ref, t));
            byte[] bytes = serde.serializer().serialize("drift-state", stored);
            stored = serde.deserializer().deserialize("drift-state", bytes);
            detector.add(stored, ref, rows.get(t), anomalous, t);
            fromStored.addAll(detector.check(stored, ref, t));
        }
        assertThat(fromKept).isNotEmpty().extracting(DriftFinding::feature).containsOnly("f2");
        assertThat(fromStored).isEqualTo(fromKept);
        assertThat(stored.arrayBytes()).isEqualTo(kept.arrayBytes());
        assertThat(serde.serializer().serialize("drift-state", stored).length).isLessThan(4_000);
    }

    @Test
    void findingBecomesTheDriftAlertMessage() {
        DriftFinding f = new DriftFinding("dev-9", 1_700_000_000_000L, "tcp.len", DriftFinding.PSI, 0.31, 0.25,
            Severity.ALERT, 12, 500);
        io.flead.model.DriftAlert m = f.toMessage();
        assertThat(m.deviceId()).isEqualTo("dev-9");
        assertThat(m.severity()).isEqualTo("alert");
        assertThat(m.method()).isEqualTo("psi");
        assertThat(m.statistic()).isEqualTo(0.31);
        assertThat(m.threshold()).isEqualTo(0.25);
        assertThat(m.modelVersion()).isEqualTo(12);
        assertThat(m.windowN()).isEqualTo(500);
    }
}
