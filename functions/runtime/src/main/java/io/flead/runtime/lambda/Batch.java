package io.flead.runtime.lambda;

import java.util.List;

/**
 * One invocation's batch as a function's core wiring sees it: the decoded records in partition and offset order, the
 * report that counts and dead-letters poison, where outputs go, the latest global model and the invocation's time.
 */
public record Batch(List<DecodedRecord> records, BatchReport report, Outputs outputs, ModelSource models, long now) {

  /** The record's JSON value as {@code type}; null for a tombstone (counted) or poison (dead-lettered). */
  public <T> T parse(DecodedRecord r, Class<T> type) {
    return report.parse(r, type);
  }

  /** Sends one output keyed by a UTF-8 string; the shell flushes after the core returns. */
  public void send(String topic, String key, byte[] value) {
    outputs.send(topic, key, value);
  }

  /** The newest record timestamp of the batch, or 0 for an empty batch. */
  public long newestTimestamp() {
    return records.stream().mapToLong(DecodedRecord::timestamp).max().orElse(0);
  }
}
