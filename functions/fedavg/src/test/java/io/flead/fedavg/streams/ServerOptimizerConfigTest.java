package io.flead.fedavg.streams;

import io.flead.fedavg.config.FedAvgConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flead.fedavg.core.ServerOptimizer;
import io.flead.runtime.FunctionConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The server optimiser's keys: read into the aggregation settings, and refused with the key named when bad. */
class ServerOptimizerConfigTest {

  private static FedAvgConfig.Settings settings(Map<String, String> overrides) {
    Map<String, String> all = new java.util.HashMap<>(overrides);
    all.put(FunctionConfig.BOOTSTRAP_SERVERS, "unused:9092");
    return FedAvgConfig.settings(FunctionConfig.load(FedAvgConfig.definition(), Map.of(), all));
  }

  @Test
  void readsTheServerOptimiser() {
    ServerOptimizer none = settings(Map.of()).core().server();
    assertThat(none.kind()).isEqualTo(ServerOptimizer.Kind.NONE);

    ServerOptimizer adam = settings(Map.of("server.optimizer", "adam", "server.learning.rate", "0.05",
        "server.beta1", "0.8", "server.beta2", "0.95", "server.tau", "0.01")).core().server();
    assertThat(adam).isEqualTo(new ServerOptimizer(ServerOptimizer.Kind.ADAM, 0.05, 0.9, 0.8, 0.95, 0.01));
    assertThat(settings(Map.of("server.optimizer", "momentum", "server.momentum", "0.5")).core().strategyName())
        .isEqualTo("fedavg+momentum");
  }

  @Test
  void refusesBadValuesNamingTheKey() {
    assertThatThrownBy(() -> settings(Map.of("server.optimizer", "sgd"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.optimizer").hasMessageContaining("sgd");
    assertThatThrownBy(() -> settings(Map.of("server.optimizer", "momentum", "server.momentum", "1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("server.momentum");
    assertThatThrownBy(() -> settings(Map.of("server.beta2", "1.5"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.beta2");
    assertThatThrownBy(() -> settings(Map.of("server.tau", "0"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.tau");
    assertThatThrownBy(() -> settings(Map.of("server.learning.rate", "-1"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.learning.rate");
    assertThatThrownBy(() -> settings(Map.of("server.beta1", "abc"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.beta1");
  }
}
