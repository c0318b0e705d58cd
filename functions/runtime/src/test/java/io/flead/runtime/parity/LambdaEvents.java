package io.flead.runtime.parity;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Test support: records read from a real topic as the event a self-managed Kafka event source mapping
 * delivers (records grouped by {@code <topic>-<partition>}, base64 key and value, headers as byte arrays),
 * written as JSON and loaded back with aws-lambda-java-tests' {@link EventLoader}, as a fixture is.
 */
public final class LambdaEvents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private LambdaEvents() {
  }

  /** The Lambda dead-letter topic of the parity ITs: apart from the Streams shell's, so each side's can be read. */
  public static final String LAMBDA_DLQ = "lambda-dlq";

  /** The handler's settings with its dead letters going to {@link #LAMBDA_DLQ}. */
  public static Map<String, String> lambdaSide(Map<String, String> settings) {
    Map<String, String> withDlq = new LinkedHashMap<>(settings);
    withDlq.put(io.flead.runtime.FunctionConfig.TOPIC_DLQ, LAMBDA_DLQ);
    return withDlq;
  }

  /** The event holding {@code records}, written to {@code file} (which must end in {@code .json}) on the way. */
  public static KafkaEvent of(List<ConsumerRecord<byte[], byte[]>> records, String bootstrapServers, Path file) {
    Map<String, List<Map<String, Object>>> grouped = new LinkedHashMap<>();
    records.forEach(r -> grouped.computeIfAbsent(r.topic() + "-" + r.partition(), k -> new ArrayList<>()).add(record(r)));
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventSource", "SelfManagedKafka");
    event.put("bootstrapServers", bootstrapServers);
    event.put("records", grouped);
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), event);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the event file " + file, e);
    }
    return EventLoader.loadKafkaEvent(file.toString());
  }

  private static Map<String, Object> record(ConsumerRecord<byte[], byte[]> r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("topic", r.topic());
    json.put("partition", r.partition());
    json.put("offset", r.offset());
    json.put("timestamp", r.timestamp());
    json.put("timestampType", r.timestampType().name());
    json.put("key", base64(r.key()));
    json.put("value", base64(r.value()));
    List<Map<String, List<Integer>>> headers = new ArrayList<>();
    for (Header h : r.headers()) {
      headers.add(Map.of(h.key(), bytes(h.value())));
    }
    json.put("headers", headers);
    return json;
  }

  private static String base64(byte[] bytes) {
    return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
  }

  /** AWS lists header values as arrays of signed bytes. */
  private static List<Integer> bytes(byte[] value) {
    List<Integer> list = new ArrayList<>(value.length);
    for (byte b : value) {
      list.add((int) b);
    }
    return list;
  }
}
