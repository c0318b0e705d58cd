package io.flead.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flead.model.EdgeIiotFeatures;
import io.flead.model.FeatureSpace;
import io.flead.model.TelemetryEvent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader gives exactly the row the model's codec plus {@link FeatureSpace#fill} gives (or, reading
 * features by their exact names, the codec's value of each name), or the codec's error.
 */
class TelemetryRowReaderTest {

  private static final List<String> NAMES = List.of("tcp.len", "tcp.flags", "tcp.flags=2", "tcp.dstport=1..1023",
      "udp.time_delta");
  private static final FeatureSpace SPACE = new FeatureSpace(NAMES);
  private static final String TOPIC = "edge-iiot-stream";

  private final TelemetryRowReader reader = TelemetryRowReader.derived(NAMES);
  private final TelemetryRowReader byName = TelemetryRowReader.named(NAMES);
  private final Deserializer<TelemetryEvent> codec = FleadSerdes.telemetry().deserializer();

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"device_id\":\"d1\",\"ts\":1000,\"seq\":7,\"features\":{\"tcp.len\":12.5,\"tcp.flags\":2,\"tcp.dstport\":80,"
          + "\"udp.time_delta\":0.25},\"label\":1,\"attack_type\":\"DDoS_UDP\"}",
      "{\"features\":{\"tcp.flags\":4,\"other\":3.5},\"seq\":1,\"ts\":5,\"device_id\":\"d2\"}",
      "{\"device_id\":\"d3\",\"ts\":1,\"seq\":2,\"features\":{},\"label\":null,\"attack_type\":null}",
      "{\"device_id\":\"d4\",\"ts\":1,\"seq\":2,\"features\":{\"tcp.len\":null,\"tcp.flags\":null,\"tcp.dstport\":null}}",
      "{\"device_id\":\"d5\",\"ts\":1,\"seq\":2,\"features\":{\"tcp.len\":NaN,\"tcp.flags\":Infinity,"
          + "\"tcp.dstport\":-Infinity,\"udp.time_delta\":-0}}",
      "{\"device_id\":\"d6\",\"ts\":1,\"seq\":2,\"features\":{\"tcp.len\":123456789012345678901234567890,"
          + "\"tcp.flags\":1e400,\"tcp.dstport\":1023.0000000000001,\"udp.time_delta\":-1.5E-7}}",
      "{\"device_id\":\"d7\",\"ts\":1,\"seq\":2,\"features\":{\"tcp.len\":1,\"tcp.len\":2,\"tcp.flags\":2,\"tcp.flags\":null}}",
      "{\"device_id\":\"d8\",\"ts\":1,\"seq\":2,\"extra\":{\"a\":[1,{\"b\":2}]},\"features\":{\"tcp.len\":\"1.5\"}}",
      "{\"device_id\":9,\"ts\":1,\"seq\":\"2\",\"features\":{\"tcp.len\":1},\"label\":\"1\",\"attack_type\":5}",
      "{\"device_id\":\"d10\",\"ts\":1,\"seq\":2,\"device_id\":\"d11\",\"features\":{\"tcp.len\":1}} trailing",
      "{\"device_id\":\"d12\",\"ts\":1,\"seq\":9223372036854775807,\"features\":{\"tcp.dstport\":0}}"})
  void readsRowsAsTheCodecDoes(String json) {
    assertSameAsCodec(json);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"device_id\":\"d1\",\"seq\":2,\"features\":{}}",
      "{\"device_id\":\"d1\",\"ts\":1,\"seq\":2}",
      "{\"device_id\":null,\"ts\":1,\"seq\":2,\"features\":{}}",
      "{\"device_id\":\"d1\",\"ts\":null,\"seq\":2,\"features\":{}}",
      "{\"device_id\":\"d1\",\"ts\":1,\"seq\":2,\"features\":{},\"label\":2}",
      "{\"device_id\":\"d1\",\"ts\":1,\"seq\":2,\"features\":{},\"label\":1.0}",
      "{\"device_id\":\"d1\",\"ts\":1,\"seq\":2,\"features\":{\"tcp.len\":\"abc\"}}",
      "{\"device_id\":\"d1\",\"ts\":1,\"seq\":2,\"features\":{\"tcp.len\":{\"x\":1}}}",
      "{\"device_id\":\"d1\",\"ts\":1,\"seq\":99999999999999999999,\"features\":{}}",
      "{\"device_id\":\"d1\",\"ts\":1,\"seq\":2,\"features\":{\"tcp.len\":1",
      "[1,2]",
      "not json"})
  void failsWithTheCodecsMessage(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    SerializationException expected = null;
    try {
      codec.deserialize(TOPIC, bytes);
    } catch (SerializationException e) {
      expected = e;
    }
    assertThat(expected).as("the codec refuses %s", json).isNotNull();
    for (TelemetryRowReader r : List.of(reader, byName)) {
      assertThatThrownBy(() -> r.deserialize(TOPIC, bytes)).isInstanceOf(SerializationException.class)
          .hasMessage(expected.getMessage());
    }
  }

  @Test
  void readsGeneratedRowsOfTheModelsFeaturesAsTheCodecDoes() {
    FeatureSpace model = EdgeIiotFeatures.modelSpace();
    TelemetryRowReader modelReader = TelemetryRowReader.derived(model.names());
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      Map<String, Double> features = new LinkedHashMap<>();
      for (int j = 0; j < model.dimension(); j++) {
        if (random.nextInt(10) > 0) {
          String column = model.column(j).column();
          features.put(column, random.nextBoolean() ? random.nextInt(2000) : random.nextGaussian() * 1e3);
        }
      }
      Integer label = random.nextInt(3) == 0 ? null : random.nextInt(2);
      byte[] json = FleadSerdes.telemetry().serializer().serialize(TOPIC,
          new TelemetryEvent("dev-" + i, 1000L + i, i, features, label, label == null ? null : "Normal"));
      assertThat(modelReader.readFast(json)).as("a regular row takes the streaming pass").isNotNull();
      TelemetryRow row = modelReader.deserialize(TOPIC, json);
      TelemetryEvent event = codec.deserialize(TOPIC, json);
      assertThat(row.features()).isEqualTo(model.vector(event.features()));
      assertThat(row.label()).isEqualTo(label == null ? -1 : label);
      assertThat(row.seq()).isEqualTo(i);
      assertThat(row.ts()).isEqualTo(1000L + i);
      assertThat(row.labelOrNull()).isEqualTo(label);
      assertThat(row.source()).isSameAs(json);
    }
  }

  @Test
  void aTombstoneIsNoRow() {
    assertThat(reader.deserialize(TOPIC, null)).isNull();
    assertThat(byName.deserialize(TOPIC, null)).isNull();
  }

  private void assertSameAsCodec(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    TelemetryEvent event = codec.deserialize(TOPIC, bytes);
    TelemetryRow row = reader.deserialize(TOPIC, bytes);
    assertThat(row.deviceId()).isEqualTo(event.deviceId());
    assertThat(row.seq()).isEqualTo(event.seq());
    assertThat(row.label()).isEqualTo(event.label() == null ? -1 : event.label());
    assertThat(row.ts()).isEqualTo(event.ts());
    assertThat(row.features()).isEqualTo(SPACE.vector(event.features()));
    TelemetryRow named = byName.deserialize(TOPIC, bytes);
    double[] exact = NAMES.stream().mapToDouble(n -> event.features().get(n) == null ? Double.NaN
        : event.features().get(n)).toArray();
    assertThat(named.features()).as("features read by their exact names").isEqualTo(exact);
    assertThat(named.deviceId()).isEqualTo(event.deviceId());
  }

  @Test
  void namesAreTheReadersFeatureOrder() {
    assertThat(reader.names()).isEqualTo(NAMES);
    assertThat(byName.names()).isEqualTo(NAMES);
  }
}
