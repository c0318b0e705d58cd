package io.flead.runtime.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Test support: one record a shell published, as its key and JSON value, and the comparable form of a
 * shell's outputs: one line {@code <key> <value>} per record, sorted (the two shells interleave
 * partitions differently), with the fields that legitimately depend on the shell's clock removed.
 */
public record Published(String key, JsonNode value) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The records, decoded. */
  public static List<Published> of(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream().map(Published::of).toList();
  }

  private static Published of(ConsumerRecord<byte[], byte[]> r) {
    try {
      String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
      return new Published(key, JSON.readTree(r.value()));
    } catch (IOException e) {
      throw new UncheckedIOException("Published value at " + r.topic() + "-" + r.partition() + "@" + r.offset()
          + " is not JSON", e);
    }
  }

  /** The sorted lines {@code <key> <value without clockFields>} of the records. */
  public static List<String> comparable(List<Published> published, Set<String> clockFields) {
    return published.stream().map(p -> p.key + " " + without(p.value, clockFields)).sorted().toList();
  }

  private static JsonNode without(JsonNode value, Set<String> fields) {
    if (!value.isObject() || fields.isEmpty()) {
      return value;
    }
    ObjectNode copy = ((ObjectNode) value).deepCopy();
    copy.remove(fields);
    return copy;
  }

  /** The value of a top-level field as text, for assertions on what was published. */
  public String field(String name) {
    return value.path(name).asText();
  }
}
