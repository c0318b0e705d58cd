package io.flead.runtime.lambda;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;

/** One Kafka record of a Lambda event, with key and value decoded from base64 (either may be null). */
public record DecodedRecord(String topic, int partition, long offset, long timestamp,
    byte[] key, byte[] value, List<Header> headers) {

  /** The key as UTF-8 text (FLEAD keys are strings), or null. */
  public String keyString() {
    return key == null ? null : new String(key, StandardCharsets.UTF_8);
  }
}
