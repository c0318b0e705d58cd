package io.flead.runtime.lambda;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent.KafkaEventRecord;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.flead.model.JsonCodec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one invocation did: records decoded, outputs published, and the poison records it skipped
 * (logged with topic, partition and offset); it becomes the handler's answer, optionally in the
 * {@code ReportBatchItemFailures} shape so that the event source retries only the failed records.
 */
public final class BatchReport {

  private static final Logger LOG = LoggerFactory.getLogger(BatchReport.class);

  private final List<Map<String, Object>> poison = new ArrayList<>();
  private int records;
  private int skipped;
  private int published;

  /** The records of the event in topic, partition and offset order; a record that is not base64 is poison. */
  public List<DecodedRecord> decode(KafkaEvent event) {
    List<DecodedRecord> decoded = new ArrayList<>();
    if (event.getRecords() != null) {
      event.getRecords().forEach((partition, batch) -> batch.forEach(r -> decodeOne(partition, r, decoded)));
    }
    decoded.sort(Comparator.comparing(DecodedRecord::topic).thenComparingInt(DecodedRecord::partition)
        .thenComparingLong(DecodedRecord::offset));
    return decoded;
  }

  private void decodeOne(String partition, KafkaEventRecord r, List<DecodedRecord> decoded) {
    records++;
    try {
      KafkaEvent single = new KafkaEvent();
      single.setRecords(Map.of(partition, List.of(r)));
      decoded.addAll(KafkaEventDecoder.decode(single));
    } catch (IllegalArgumentException e) {
      poison(r.getTopic(), r.getPartition(), r.getOffset(), e.getMessage());
    }
  }

  /** The record's JSON value as {@code type}, or null when it is a tombstone (skipped) or poison (reported). */
  public <T> T parse(DecodedRecord r, Class<T> type) {
    if (r.value() == null) {
      skipped++;
      return null;
    }
    try {
      return JsonCodec.decode(r.value(), type);
    } catch (RuntimeException e) {
      poison(r.topic(), r.partition(), r.offset(), e.getMessage());
      return null;
    }
  }

  /** Reports a record the core refused, under the same rules as an undecodable one. */
  public void poison(String topic, int partition, long offset, String reason) {
    LOG.warn("Skipping poison record {}-{}@{}: {}", topic, partition, offset, reason);
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("partition", topic + "-" + partition);
    item.put("offset", offset);
    poison.add(item);
  }

  public void published(int count) {
    published += count;
  }

  public int poisonCount() {
    return poison.size();
  }

  /** The summary; with {@code reportItemFailures}, poison records are listed as {@code batchItemFailures}. */
  public Map<String, Object> toResponse(boolean reportItemFailures, Map<String, Object> extra) {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("records", records);
    response.put("published", published);
    response.put("skipped", skipped);
    poison.sort(Comparator.comparing((Map<String, Object> p) -> (String) p.get("partition"))
        .thenComparingLong(p -> (Long) p.get("offset")));
    response.put("poison", List.copyOf(poison));
    response.putAll(extra);
    if (reportItemFailures) {
      response.put("batchItemFailures", poison.stream().map(p -> Map.<String, Object>of("itemIdentifier", p)).toList());
    }
    return response;
  }
}
