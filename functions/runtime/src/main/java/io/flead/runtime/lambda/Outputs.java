package io.flead.runtime.lambda;

import java.util.Map;

/** Where a handler's outputs go: Kafka through the idempotent {@link OutputPublisher}, or a list in tests. */
public interface Outputs extends AutoCloseable {

  /** Sends one record keyed by a UTF-8 string; returns at once. */
  default void send(String topic, String key, byte[] value) {
    send(topic, key == null ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value, Map.of());
  }

  /** Sends one record with raw key bytes and headers (dead letters keep the input's bytes); returns at once. */
  void send(String topic, byte[] key, byte[] value, Map<String, byte[]> headers);

  /** Waits until everything sent is acknowledged; returns how many records that was, or throws {@link PublishFailedException}. */
  int flush();

  @Override
  void close();

  /** The outputs of a deployed handler: one idempotent producer per container. */
  static Outputs kafka(Map<String, Object> clientProperties) {
    OutputPublisher publisher = new OutputPublisher(clientProperties);
    return new Outputs() {
      @Override
      public void send(String topic, byte[] key, byte[] value, Map<String, byte[]> headers) {
        publisher.send(topic, key, value, headers);
      }

      @Override
      public int flush() {
        return publisher.flush();
      }

      @Override
      public void close() {
        publisher.close();
      }
    };
  }
}
