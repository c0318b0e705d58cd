package io.flead.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A row's features in a model's order: its own vector for the reader's features, a second reading otherwise. */
class FeatureOrderTest {

  private static final String TOPIC = "edge-iiot-stream";
  private static final byte[] JSON = ("{\"device_id\":\"d1\",\"ts\":1,\"seq\":2,"
      + "\"features\":{\"tcp.len\":12,\"tcp.flags\":2,\"mqtt.len\":null}}").getBytes(StandardCharsets.UTF_8);

  @Test
  void theReadersOwnFeaturesAreTheRowsVector() {
    TelemetryRowReader reader = TelemetryRowReader.derived(List.of("tcp.len", "tcp.flags=2"));
    TelemetryRow row = reader.deserialize(TOPIC, JSON);
    FeatureOrder order = new FeatureOrder(reader);
    assertThat(order.of(row, TOPIC, new ArrayList<>(List.of("tcp.len", "tcp.flags=2")))).isSameAs(row.features());
  }

  @Test
  void otherFeaturesAreReadAgainTheReadersWay() {
    TelemetryRowReader derived = TelemetryRowReader.derived(List.of("tcp.len"));
    TelemetryRowReader named = TelemetryRowReader.named(List.of("tcp.len"));
    List<String> model = List.of("mqtt.len", "tcp.flags=2", "tcp.len");
    assertThat(new FeatureOrder(derived).of(derived.deserialize(TOPIC, JSON), TOPIC, model))
        .containsExactly(Double.NaN, 1.0, 12.0);
    assertThat(new FeatureOrder(named).of(named.deserialize(TOPIC, JSON), TOPIC, model))
        .as("by exact name, an indicator's name is no column").containsExactly(Double.NaN, Double.NaN, 12.0);
  }

  @Test
  void followsTheModelWhenItsFeaturesChange() {
    TelemetryRowReader reader = TelemetryRowReader.derived(List.of("tcp.len", "tcp.flags"));
    TelemetryRow row = reader.deserialize(TOPIC, JSON);
    FeatureOrder order = new FeatureOrder(reader);
    assertThat(order.of(row, TOPIC, List.of("tcp.flags"))).containsExactly(2.0);
    assertThat(order.of(row, TOPIC, List.of("tcp.len", "tcp.flags"))).isSameAs(row.features());
    assertThat(order.of(row, TOPIC, List.of("tcp.len"))).containsExactly(12.0);
  }
}
