package io.flead.runtime.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KafkaEventDecoderTest {

  @Test
  void decodesAnMskEventInPartitionAndOffsetOrder() {
    KafkaEvent event = EventLoader.loadKafkaEvent("msk-event.json");

    List<DecodedRecord> records = KafkaEventDecoder.decode(event);

    assertThat(records).extracting(DecodedRecord::partition, DecodedRecord::offset)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 41L), org.assertj.core.groups.Tuple.tuple(0, 42L),
            org.assertj.core.groups.Tuple.tuple(1, 7L));
    DecodedRecord first = records.get(0);
    assertThat(first.topic()).isEqualTo("edge-iiot-stream");
    assertThat(first.keyString()).isEqualTo("dev-001");
    assertThat(first.timestamp()).isEqualTo(1763800000000L);
    assertThat(new String(first.value(), StandardCharsets.UTF_8)).startsWith("{\"device_id\":\"dev-001\",\"ts\":1763800000000,\"seq\":1,");
    assertThat(first.headers()).hasSize(2);
    assertThat(new String(first.headers().get(0).value(), StandardCharsets.UTF_8)).isEqualTo("csv");
    assertThat(first.headers().get(1).key()).isEqualTo("trace");
  }

  @Test
  void groupsRecordsByTopicPartition() {
    List<DecodedRecord> records = KafkaEventDecoder.decode(EventLoader.loadKafkaEvent("msk-event.json"));

    Map<TopicPartition, List<DecodedRecord>> groups = KafkaEventDecoder.byPartition(records);

    assertThat(groups.keySet()).containsExactly(new TopicPartition("edge-iiot-stream", 0), new TopicPartition("edge-iiot-stream", 1));
    assertThat(groups.get(new TopicPartition("edge-iiot-stream", 0))).extracting(DecodedRecord::offset).containsExactly(41L, 42L);
  }

  @Test
  void badBase64NamesTheRecordAndField() {
    KafkaEvent.KafkaEventRecord bad = new KafkaEvent.KafkaEventRecord("edge-iiot-stream", 3, 99L, 0L, "CREATE_TIME",
        "ZGV2LTE=", "not*base64", List.of(), null, null);
    KafkaEvent event = new KafkaEvent(Map.of("edge-iiot-stream-3", List.of(bad)), "aws:kafka", "arn", "b:9092");

    assertThatThrownBy(() -> KafkaEventDecoder.decode(event))
        .hasMessageContaining("edge-iiot-stream-3@99")
        .hasMessageContaining("field 'value'")
        .hasMessageContaining("'not*base64'");
  }
}
