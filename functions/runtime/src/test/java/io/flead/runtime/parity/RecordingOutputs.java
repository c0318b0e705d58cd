package io.flead.runtime.parity;

import io.flead.runtime.lambda.Outputs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Lambda handler outputs kept in memory in the order sent; flush acknowledges everything sent since the last flush. */
public final class RecordingOutputs implements Outputs {

  /** One sent record, its value as JSON text. */
  public record Sent(String topic, String key, String value) {
  }

  public final List<Sent> sent = new ArrayList<>();
  private int unflushed;

  @Override
  public void send(String topic, String key, byte[] value) {
    sent.add(new Sent(topic, key, new String(value, StandardCharsets.UTF_8)));
    unflushed++;
  }

  @Override
  public int flush() {
    int count = unflushed;
    unflushed = 0;
    return count;
  }

  @Override
  public void close() {
  }
}
