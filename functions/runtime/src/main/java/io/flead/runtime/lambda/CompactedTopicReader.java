package io.flead.runtime.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the latest committed value of one key from a compacted, single-partition topic, by an unsubscribed consumer
 * (no group) in {@code read_committed} mode: transactions of a writer that was fenced or failed are never seen.
 */
public final class CompactedTopicReader implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicPartition partition;

  public CompactedTopicReader(Map<String, Object> clientProperties, String topic) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer = new KafkaConsumer<>(props);
    this.partition = new TopicPartition(topic, 0);
  }

  /** The last committed value under {@code key} (null when there is none or it was deleted), read to the end. */
  public byte[] latest(String key) {
    byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    long end = consumer.endOffsets(List.of(partition)).get(partition);
    byte[] last = null;
    while (consumer.position(partition) < end) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        if (Arrays.equals(r.key(), wanted)) {
          last = r.value();
        }
      }
    }
    return last;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
