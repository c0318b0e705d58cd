package io.flead.runtime.lambda;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes a function's outputs through one idempotent producer (acks=all), built once per
 * Lambda container; {@link #flush} waits until every record sent since the last flush is acknowledged.
 */
public final class OutputPublisher implements AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;
  private final List<Future<RecordMetadata>> pending = new ArrayList<>();

  public OutputPublisher(Map<String, Object> clientProperties) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producer = new KafkaProducer<>(props);
  }

  /** Sends one record with raw key bytes and headers; returns at once. */
  public void send(String topic, byte[] key, byte[] value, Map<String, byte[]> headers) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, value);
    headers.forEach((name, bytes) -> record.headers().add(name, bytes));
    pending.add(producer.send(record));
  }

  /**
   * Waits for all records sent since the last flush.
   *
   * @return how many records were acknowledged
   * @throws PublishFailedException when any send failed, so the batch is retried by the event source
   */
  public int flush() {
    producer.flush();
    int count = pending.size();
    try {
      for (Future<RecordMetadata> f : pending) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishFailedException("Interrupted while publishing outputs", e);
    } catch (ExecutionException e) {
      throw new PublishFailedException("Publishing outputs failed: " + e.getCause(), e.getCause());
    } finally {
      pending.clear();
    }
    return count;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
