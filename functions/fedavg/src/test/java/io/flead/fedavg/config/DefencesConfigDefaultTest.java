package io.flead.fedavg.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.fedavg.core.Defences;
import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.core.Strategy;
import io.flead.runtime.FunctionConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What fedavg runs unless configured: FedAvg with the sample-weight caps on, each of them a key that turns it off. */
class DefencesConfigDefaultTest {

  private static FedAvgSettings settings(Map<String, String> overrides) {
    Map<String, String> all = new HashMap<>(overrides);
    all.put(FunctionConfig.BOOTSTRAP_SERVERS, "unused:9092");
    return FedAvgConfig.settings(FunctionConfig.load(FedAvgConfig.definition(), Map.of(), all)).core();
  }

  @Test
  void theWeightCapsAreOnByDefaultAndAdaptiveClippingIsNot() {
    FedAvgSettings d = settings(Map.of());
    assertThat(d).isEqualTo(FedAvgSettings.configDefaults());
    assertThat(d.defences().weightCapMultiple()).isEqualTo(2.0);
    assertThat(d.defences().weightCapRows()).isEqualTo(1_000);
    assertThat(d.defences().poolStrategy()).isEqualTo(Strategy.FEDAVG);
    assertThat(d.adaptiveClip()).isFalse();
    assertThat(d.strategy()).isEqualTo(Strategy.FEDAVG);
  }

  @Test
  void zeroTurnsEachCapOff() {
    FedAvgSettings off = settings(Map.of(Defences.WEIGHT_CAP_MULTIPLE, "0", Defences.WEIGHT_CAP_ROWS, "0"));
    assertThat(off.defences()).isEqualTo(Defences.off());
    assertThat(off).isEqualTo(FedAvgSettings.defaults());
  }
}
