package io.flead.runtime.lambda;

import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest global model read from the compacted, single-partition {@code global-model-updates}
 * topic by an unsubscribed consumer (no group), cached for a TTL so that a warm container does not
 * re-read the topic for every batch; before any model exists the version-0 model stands in.
 */
public final class CompactedModelTopic implements ModelSource, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CompactedModelTopic.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicPartition partition;
  private final byte[] modelKey;
  private final List<String> initialFeatures;
  private final long ttlMs;
  private GlobalModel cached;
  private long readAtMs = Long.MIN_VALUE;

  public CompactedModelTopic(Map<String, Object> clientProperties, String topic, String modelName,
      List<String> initialFeatures, long ttlMs) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // a single writer publishes in transactions: an aborted or fenced model must never be read
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer = new KafkaConsumer<>(props);
    this.partition = new TopicPartition(topic, 0);
    this.modelKey = modelName.getBytes(StandardCharsets.UTF_8);
    this.initialFeatures = initialFeatures;
    this.ttlMs = ttlMs;
  }

  @Override
  public GlobalModel latest(long nowMs) {
    if (cached == null || nowMs - readAtMs >= ttlMs) {
      GlobalModel read = readToEnd();
      cached = read != null ? read : GlobalModel.initial(initialFeatures, nowMs);
      readAtMs = nowMs;
    }
    return cached;
  }

  /** The last decodable model under the model key, reading the partition from its start to its end. */
  private GlobalModel readToEnd() {
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    long end = consumer.endOffsets(List.of(partition)).get(partition);
    GlobalModel last = null;
    while (consumer.position(partition) < end) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        last = decodeIfModel(r, last);
      }
    }
    return last;
  }

  private GlobalModel decodeIfModel(ConsumerRecord<byte[], byte[]> r, GlobalModel previous) {
    if (r.value() == null || !Arrays.equals(r.key(), modelKey)) {
      return previous;
    }
    try {
      return JsonCodec.decode(r.value(), GlobalModel.class);
    } catch (RuntimeException e) {
      LOG.warn("Ignoring an undecodable global model at {}@{}: {}", partition, r.offset(), e.getMessage());
      return previous;
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
