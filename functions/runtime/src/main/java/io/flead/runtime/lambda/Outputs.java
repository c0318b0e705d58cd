package io.flead.runtime.lambda;

import java.util.Map;

/** Where a handler's outputs go: Kafka through the idempotent {@link OutputPublisher}, or a list in tests. */
public interface Outputs extends AutoCloseable {

  /** Sends one record keyed by a UTF-8 string; returns at once. */
  void send(String topic, String key, byte[] value);

  /** Waits until everything sent is acknowledged; returns how many records that was. */
  int flush();

  @Override
  void close();

  /** The outputs of a deployed handler: one idempotent producer per container. */
  static Outputs kafka(Map<String, Object> clientProperties) {
    OutputPublisher publisher = new OutputPublisher(clientProperties);
    return new Outputs() {
      @Override
      public void send(String topic, String key, byte[] value) {
        publisher.send(topic, key, value);
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
