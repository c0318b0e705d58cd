package io.flead.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ValidationSplitTest {
    /** Device k's training rows carry values k*1000 + i, its held-out rows -(k*1000 + i) - 1. */
    private static FleetData fleet(int devices, int rows) {
        List<DeviceRows> train = new ArrayList<>();
        List<DeviceRows> holdout = new ArrayList<>();
        for (int k = 0; k < devices; k++) {
            float[] x = new float[rows];
            float[] h = new float[rows];
            for (int i = 0; i < rows; i++) {
                x[i] = k * 1000 + i;
                h[i] = -(k * 1000 + i) - 1;
            }
            train.add(new DeviceRows("device_" + k, rows, 1, x, new byte[rows]));
            holdout.add(new DeviceRows("device_" + k, rows, 1, h, new byte[rows]));
        }
        return new FleetData(List.of("f"), train, holdout);
    }

    @Test
    void validatesOnTheLastTrainingRowsOfDevicesNoSplitTestsOn() {
        FleetData data = fleet(20, 50);
        Map<String, String> kinds = new TreeMap<>();
        for (int k = 0; k < 20; k++) {
            kinds.put("device_" + k, k % 4 == 0 ? "camera" : "sensor");
        }
        long seed = 3;
        FleetData tuning = ValidationSplit.of(data, kinds, seed);
        Set<String> unseen = new HashSet<>();
        data.holdOutDevices(QualityHarness.UNSEEN_DEVICE_SHARE, seed).unseen().forEach(d -> unseen.add(d.deviceId()));
        String kind = DeviceKinds.heldOut(kinds, seed);
        assertThat(unseen).hasSize(4);
        for (int k = 0; k < tuning.train().size(); k++) {
            DeviceRows fit = tuning.train().get(k);
            DeviceRows validate = tuning.holdout().get(k);
            assertThat(unseen).doesNotContain(fit.deviceId());
            assertThat(kinds.get(fit.deviceId())).isNotEqualTo(kind);
            assertThat(validate.deviceId()).isEqualTo(fit.deviceId());
            assertThat(fit.n()).isEqualTo(40);
            assertThat(validate.n()).isEqualTo(10);
            int base = Integer.parseInt(fit.deviceId().substring("device_".length())) * 1000;
            // the first 40 training rows train, the last 10 validate, and no held-out row (negative) is ever read
            assertThat(fit.x()[0]).isEqualTo(base);
            assertThat(fit.x()[39]).isEqualTo(base + 39);
            assertThat(validate.x()[0]).isEqualTo(base + 40);
            assertThat(validate.x()[9]).isEqualTo(base + 49);
        }
        long kindDevices = kinds.values().stream().filter(kind::equals).count();
        long kindAlsoUnseen = unseen.stream().filter(id -> kind.equals(kinds.get(id))).count();
        assertThat(tuning.train()).hasSize((int) (20 - unseen.size() - kindDevices + kindAlsoUnseen));
    }
}
