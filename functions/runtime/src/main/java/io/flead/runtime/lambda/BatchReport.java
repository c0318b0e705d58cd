package io.flead.runtime.lambda;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent.KafkaEventRecord;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.flead.model.JsonCodec;
import io.flead.runtime.DeadLetterHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one invocation did: records decoded, outputs published, and the poison records it skipped (logged with topic,
 * partition and offset, and sent unchanged to the function's dead-letter topic as the Streams shell does); it becomes
 * the handler's answer, optionally in the {@code ReportBatchItemFailures} shape.
 *
 * <p>Poison is never a batch item failure: Lambda reads each {@code batchItemFailures} entry of a Kafka batch as "resume
 * from here" and retries that record and every record behind it in its partition, so reporting a record that was
 * already dead-lettered would process it and everything after it again, with duplicate outputs. Only a batch whose
 * outputs could not be published ({@link PublishFailedException}) fails: then the first record of every partition of
 * the batch is reported (Lambda retries the whole batch, bounded by the mapping's retry settings), or the exception is
 * rethrown when item failures are not reported.
 */
public final class BatchReport {

  private static final Logger LOG = LoggerFactory.getLogger(BatchReport.class);

  private final List<Map<String, Object>> poison = new ArrayList<>();
  private final List<PoisonRecord> deadLetters = new ArrayList<>();
  private final Map<String, Long> firstOffsets = new TreeMap<>();
  private int records;
  private int skipped;
  private int published;
  private int deadLettered;

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
    firstOffsets.merge(r.getTopic() + "-" + r.getPartition(), r.getOffset(), Math::min);
    try {
      KafkaEvent single = new KafkaEvent();
      single.setRecords(Map.of(partition, List.of(r)));
      decoded.addAll(KafkaEventDecoder.decode(single));
    } catch (IllegalArgumentException e) {
      poison(new PoisonRecord(r.getTopic(), r.getPartition(), r.getOffset(), r.getTimestamp(), utf8(r.getKey()),
          utf8(r.getValue()), e));
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
      poison(r, e);
      return null;
    }
  }

  /** Reports a record the core refused, under the same rules as an undecodable one. */
  public void poison(DecodedRecord r, Exception reason) {
    poison(new PoisonRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), reason));
  }

  private void poison(PoisonRecord p) {
    LOG.warn("Skipping poison record {}-{}@{}: {}", p.topic(), p.partition(), p.offset(), p.reason().getMessage());
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("partition", p.topic() + "-" + p.partition());
    item.put("offset", p.offset());
    poison.add(item);
    deadLetters.add(p);
  }

  /**
   * Sends every poison record of the batch in partition and offset order, its key and value unchanged, to {@code topic} with the headers of the
   * Streams shell's dead-letter handler (source topic, partition, offset, exception and message); the caller's flush
   * publishes them with the batch's outputs.
   */
  public void deadLetter(Outputs outputs, String topic) {
    deadLetters.sort(Comparator.comparing(PoisonRecord::topic).thenComparingInt(PoisonRecord::partition)
        .thenComparingLong(PoisonRecord::offset));
    for (PoisonRecord p : deadLetters) {
      Map<String, byte[]> headers = new LinkedHashMap<>();
      headers.put(DeadLetterHandler.HEADER_TOPIC, bytes(p.topic()));
      headers.put(DeadLetterHandler.HEADER_PARTITION, bytes(Integer.toString(p.partition())));
      headers.put(DeadLetterHandler.HEADER_OFFSET, bytes(Long.toString(p.offset())));
      headers.put(DeadLetterHandler.HEADER_EXCEPTION, bytes(p.reason().getClass().getName()));
      headers.put(DeadLetterHandler.HEADER_MESSAGE, bytes(String.valueOf(p.reason().getMessage())));
      outputs.send(topic, p.key(), p.value(), headers);
      deadLettered++;
    }
  }

  /** Records acknowledged by a flush: the outputs and the dead letters sent before it. */
  public void published(int count) {
    published += count;
  }

  public int poisonCount() {
    return poison.size();
  }

  /** The summary; with {@code reportItemFailures}, an empty {@code batchItemFailures}: the whole batch is done. */
  public Map<String, Object> toResponse(boolean reportItemFailures, Map<String, Object> extra) {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("records", records);
    response.put("published", published - deadLettered);
    response.put("deadLettered", deadLettered);
    response.put("skipped", skipped);
    poison.sort(Comparator.comparing((Map<String, Object> p) -> (String) p.get("partition"))
        .thenComparingLong(p -> (Long) p.get("offset")));
    response.put("poison", List.copyOf(poison));
    response.putAll(extra);
    if (reportItemFailures) {
      response.put("batchItemFailures", List.of());
    }
    return response;
  }

  /**
   * The answer to a batch whose outputs could not be published: with {@code reportItemFailures}, the first record of
   * every partition of the batch as a batch item failure (nothing of the batch is known to be published), else the
   * failure itself, so that Lambda retries the batch either way.
   */
  public Map<String, Object> failed(boolean reportItemFailures, PublishFailedException failure) {
    if (!reportItemFailures) {
      throw failure;
    }
    LOG.warn("Publishing the batch's outputs failed; reporting the batch for retry from {}", firstOffsets, failure);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("records", records);
    response.put("published", 0);
    response.put("error", String.valueOf(failure.getMessage()));
    response.put("batchItemFailures", firstOffsets.entrySet().stream().map(e -> Map.<String, Object>of("itemIdentifier",
        Map.<String, Object>of("partition", e.getKey(), "offset", e.getValue()))).toList());
    return response;
  }

  private static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A record that could not be decoded or processed, kept for the dead-letter topic. */
  private record PoisonRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
      Exception reason) {
  }
}
