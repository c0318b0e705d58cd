package io.flead.runtime.parity;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent.KafkaEventRecord;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.flead.runtime.DeadLetterHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Test support for running a function's Lambda shell and Streams shell on the same records of one real
 * broker: replays an AWS-shaped fixture onto its topics, publishes a model, reads topics back
 * (committed records only) and waits for a Streams app to have consumed its input.
 */
public final class BrokerTopics implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration WAIT = Duration.ofSeconds(45);

  private final String bootstrapServers;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Admin admin;

  public BrokerTopics(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "linger.ms", 0),
        new ByteArraySerializer(), new ByteArraySerializer());
    this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * Produces the fixture's records to their topic and partition with their key, value, timestamp and
   * headers, and returns them as read back from the broker (real offsets). A record whose key or value is
   * not base64 is left out: it stands for a corrupted event and cannot be stored in a topic.
   */
  public List<ConsumerRecord<byte[], byte[]>> replay(String fixture) {
    KafkaEvent event = EventLoader.loadKafkaEvent(fixture);
    Set<String> topics = new LinkedHashSet<>();
    for (List<KafkaEventRecord> batch : event.getRecords().values()) {
      for (KafkaEventRecord r : batch) {
        if (decodable(r.getKey()) && decodable(r.getValue())) {
          producer.send(new ProducerRecord<>(r.getTopic(), r.getPartition(), r.getTimestamp(), base64(r.getKey()),
              base64(r.getValue()), headers(r.getHeaders())));
          topics.add(r.getTopic());
        }
      }
    }
    producer.flush();
    List<ConsumerRecord<byte[], byte[]>> stored = new ArrayList<>();
    topics.forEach(topic -> stored.addAll(readAll(topic)));
    return stored;
  }

  /** Publishes one record keyed by a UTF-8 string and waits until it is acknowledged. */
  public void publish(String topic, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("Cannot publish to '" + topic + "': " + e, e);
    }
  }

  /** Every committed record of the topic, ordered by partition and offset. */
  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    Map<String, Object> props = Map.of("bootstrap.servers", bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer =
             new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        consumer.poll(POLL).forEach(records::add);
      }
      records.sort(Comparator.comparingInt((ConsumerRecord<byte[], byte[]> r) -> r.partition())
          .thenComparingLong(ConsumerRecord::offset));
      return records;
    }
  }

  /** Waits until the topic holds at least {@code count} committed records, and returns them. */
  public List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, int count) {
    await("topic '" + topic + "' to hold " + count + " records", () -> readAll(topic).size() >= count);
    return readAll(topic);
  }

  /** Waits until consumer group {@code groupId} has committed the end offset of every partition of {@code topic}. */
  public void awaitConsumed(String groupId, String topic) {
    await("group '" + groupId + "' to consume '" + topic + "' to its end", () -> consumed(groupId, topic));
  }

  private boolean consumed(String groupId, String topic) throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : admin.listOffsets(latest).all().get().entrySet()) {
      OffsetAndMetadata at = committed.get(end.getKey());
      if (end.getValue().offset() > 0 && (at == null || at.offset() < end.getValue().offset())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The records a Streams app dead-lettered (through {@link DeadLetterHandler}), in the shape of the Lambda
   * shell's {@code poison} items: {@code partition} as {@code <topic>-<partition>} and {@code offset}.
   */
  public List<Map<String, Object>> deadLettered(String deadLetterTopic) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : readAll(deadLetterTopic)) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("partition", header(r, DeadLetterHandler.HEADER_TOPIC) + "-" + header(r, DeadLetterHandler.HEADER_PARTITION));
      item.put("offset", Long.parseLong(header(r, DeadLetterHandler.HEADER_OFFSET)));
      items.add(item);
    }
    items.sort(Comparator.comparing((Map<String, Object> i) -> (String) i.get("partition"))
        .thenComparingLong(i -> (Long) i.get("offset")));
    return items;
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    if (h == null) {
      throw new AssertionError("Dead letter at offset " + r.offset() + " has no header '" + name + "'");
    }
    return new String(h.value(), StandardCharsets.UTF_8);
  }

  private static void await(String what, Check check) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (check.holds()) {
          return;
        }
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for " + what, e);
      } catch (ExecutionException e) {
        // The group or topic does not exist yet: keep waiting.
      }
    }
    throw new AssertionError("Timed out after " + WAIT + " waiting for " + what);
  }

  @FunctionalInterface
  private interface Check {
    boolean holds() throws ExecutionException, InterruptedException;
  }

  private static boolean decodable(String base64) {
    try {
      base64(base64);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] base64(String text) {
    return text == null ? null : Base64.getDecoder().decode(text);
  }

  private static List<Header> headers(List<Map<String, byte[]>> headers) {
    List<Header> decoded = new ArrayList<>();
    if (headers != null) {
      headers.forEach(h -> h.forEach((name, value) -> decoded.add(new RecordHeader(name, value))));
    }
    return decoded;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
  }
}
