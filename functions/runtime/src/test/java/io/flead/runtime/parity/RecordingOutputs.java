package io.flead.runtime.parity;

import io.flead.runtime.lambda.Outputs;
import io.flead.runtime.lambda.PublishFailedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Lambda handler outputs kept in memory in the order sent; flush acknowledges everything sent since the last flush. */
public final class RecordingOutputs implements Outputs {

  /** One sent record, its value as JSON text. */
  public record Sent(String topic, String key, String value) {
  }

  public final List<Sent> sent = new ArrayList<>();
  /** The headers of each sent record, in the order of {@link #sent}. */
  public final List<Map<String, byte[]>> headers = new ArrayList<>();
  private int unflushed;
  private RuntimeException failNextFlush;

  @Override
  public void send(String topic, byte[] key, byte[] value, Map<String, byte[]> headers) {
    sent.add(new Sent(topic, key == null ? null : new String(key, StandardCharsets.UTF_8),
        value == null ? null : new String(value, StandardCharsets.UTF_8)));
    this.headers.add(Map.copyOf(headers));
    unflushed++;
  }

  /** The records sent to {@code topic}, in order. */
  public List<Sent> on(String topic) {
    return sent.stream().filter(s -> s.topic().equals(topic)).toList();
  }

  /** The next flush fails as a producer whose brokers are unreachable does, and forgets what was sent since the last. */
  public void failNextFlush() {
    failNextFlush = new PublishFailedException("Publishing outputs failed: org.apache.kafka.common.errors.TimeoutException",
        new org.apache.kafka.common.errors.TimeoutException("Expiring 1 record(s)"));
  }

  @Override
  public int flush() {
    int count = unflushed;
    unflushed = 0;
    if (failNextFlush != null) {
      RuntimeException e = failNextFlush;
      failNextFlush = null;
      sent.subList(sent.size() - count, sent.size()).clear();
      headers.subList(headers.size() - count, headers.size()).clear();
      throw e;
    }
    return count;
  }

  @Override
  public void close() {
  }
}
