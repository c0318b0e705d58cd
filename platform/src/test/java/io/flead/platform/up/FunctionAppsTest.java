package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.fedavg.core.FedAvgSettings;
import org.junit.jupiter.api.Test;

/** What {@code flead up} hands each function, before any app starts. */
class FunctionAppsTest {

    @Test
    void fedavgGetsTheFleetsRoundSizeAndStalenessBound() {
        FunctionApps.Spec fedavg = fedavg(UpOptions.parse(new String[0]).withDeviceCount(2400));
        assertThat(fedavg.overrides()).containsEntry(FedAvgSettings.ROUND_SIZE, "100")
            .containsEntry(FedAvgSettings.MAX_STALENESS, "96");
        assertThat(fedavg.definition().names()).contains(FedAvgSettings.ROUND_SIZE, FedAvgSettings.MAX_STALENESS);
        assertThat(fedavg(UpOptions.parse(new String[0]).withDeviceCount(100)).overrides())
            .containsEntry(FedAvgSettings.ROUND_SIZE, "100").containsEntry(FedAvgSettings.MAX_STALENESS, "5");
    }

    private static FunctionApps.Spec fedavg(UpOptions options) {
        return FunctionApps.specs(options).stream().filter(s -> s.name().equals("fedavg")).findFirst().orElseThrow();
    }
}
