package io.flead.runtime.lambda;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent.KafkaEventRecord;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/** Turns the Kafka event a Lambda event source mapping delivers into decoded records in partition order. */
public final class KafkaEventDecoder {

  private KafkaEventDecoder() {
  }

  /** All records of the event, ordered by topic, partition and offset. */
  public static List<DecodedRecord> decode(KafkaEvent event) {
    List<DecodedRecord> records = new ArrayList<>();
    if (event.getRecords() != null) {
      event.getRecords().values().forEach(batch -> batch.forEach(r -> records.add(decode(r))));
    }
    records.sort(Comparator.comparing(DecodedRecord::topic)
        .thenComparingInt(DecodedRecord::partition)
        .thenComparingLong(DecodedRecord::offset));
    return records;
  }

  /** The records grouped by topic-partition, each group in offset order. */
  public static Map<TopicPartition, List<DecodedRecord>> byPartition(List<DecodedRecord> records) {
    Map<TopicPartition, List<DecodedRecord>> groups = new LinkedHashMap<>();
    for (DecodedRecord r : records) {
      groups.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), tp -> new ArrayList<>()).add(r);
    }
    return groups;
  }

  private static DecodedRecord decode(KafkaEventRecord r) {
    return new DecodedRecord(r.getTopic(), r.getPartition(), r.getOffset(), r.getTimestamp(),
        base64(r.getKey(), r, "key"), base64(r.getValue(), r, "value"), headers(r.getHeaders()));
  }

  private static byte[] base64(String text, KafkaEventRecord r, String field) {
    if (text == null) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Record " + r.getTopic() + "-" + r.getPartition() + "@" + r.getOffset()
          + ": field '" + field + "' is not base64: '" + abbreviate(text) + "'", e);
    }
  }

  private static List<Header> headers(List<Map<String, byte[]>> headers) {
    List<Header> decoded = new ArrayList<>();
    if (headers != null) {
      headers.forEach(h -> h.forEach((key, value) -> decoded.add(new RecordHeader(key, value))));
    }
    return decoded;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
