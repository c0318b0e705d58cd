package io.flead.localtrain.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.model.FeatureSpace;
import io.flead.model.GlobalModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowDataTest {

    @Test
    void derivesTheGlobalModelsIndicatorsFromTheTrainersRawColumns() {
        FeatureSpace raw = new FeatureSpace(List.of("tcp.flags", "tcp.dstport"));
        DeviceWindow window = new DeviceWindow("device_1", 2, 10);
        window.append(new double[] {2, 4444}, 1, 1, 1000);
        window.append(new double[] {Double.NaN, 80}, 0, 2, 1001);
        GlobalModel global = GlobalModel.initial(
            List.of("tcp.dstport", "tcp.flags=2", "tcp.dstport=1..1023", "udp.port=53", "udp.port"), 0);

        WindowData data = WindowData.of(window, raw, global);

        assertThat(data.d()).isEqualTo(5);
        assertThat(java.util.Arrays.copyOfRange(data.rows(), 0, 4)).containsExactly(4444, 1, 0, 0);
        assertThat(data.rows()[4]).isNaN();
        assertThat(java.util.Arrays.copyOfRange(data.rows(), 5, 9)).containsExactly(80, 0, 1, 0);
        assertThat(data.rows()[9]).isNaN();
    }
}
