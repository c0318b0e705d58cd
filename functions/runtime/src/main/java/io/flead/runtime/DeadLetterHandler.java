package io.flead.runtime;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that cannot be deserialised, unchanged, to the dead-letter topic and carries on
 * ({@link ProcessingDeadLetterHandler} and {@link ProductionDeadLetterHandler} do the same for records whose
 * processing or output fails).
 *
 * <p>Uses the KIP-1034 response of Kafka Streams: the dead-letter record is produced by the stream
 * task itself, so under exactly-once it is part of the same transaction as the skipped offset. The
 * topic is {@code errors.dead.letter.queue.topic.name}, else {@code <application.id>-dlq}. Headers
 * say where the record came from and why it failed.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {

  public static final String HEADER_TOPIC = "flead.dlq.topic";
  public static final String HEADER_PARTITION = "flead.dlq.partition";
  public static final String HEADER_OFFSET = "flead.dlq.offset";
  public static final String HEADER_EXCEPTION = "flead.dlq.exception";
  public static final String HEADER_MESSAGE = "flead.dlq.message";

  /** The processor that failed (processing and production failures). */
  public static final String HEADER_PROCESSOR = "flead.dlq.processor";
  /** The output topic a record could not be written to (production failures). */
  public static final String HEADER_OUTPUT_TOPIC = "flead.dlq.output.topic";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

  private String deadLetterTopic;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetterTopic = topic(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    LOG.warn("Undeserialisable record at topic {} partition {} offset {} sent to {}: {}",
        record.topic(), record.partition(), record.offset(), deadLetterTopic, exception.toString());
    Headers headers = new RecordHeaders(record.headers().toArray());
    describe(headers, record.topic(), record.partition(), record.offset(), exception);
    return Response.resume(List.of(
        new ProducerRecord<>(deadLetterTopic, null, record.timestamp(), record.key(), record.value(), headers)));
  }

  /** {@code errors.dead.letter.queue.topic.name}, else {@code <application.id>-dlq}. */
  static String topic(Map<String, ?> configs) {
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    return topic != null && !topic.toString().isBlank()
        ? topic.toString()
        : configs.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-dlq";
  }

  /**
   * The dead letter of the input record a task was processing when {@code exception} happened: its raw key and value
   * as read (null for output made by a punctuation, which has no input record), with headers saying where it came
   * from, which processor failed and why.
   */
  static ProducerRecord<byte[], byte[]> ofSource(String deadLetterTopic, ErrorHandlerContext context,
                                                 Exception exception) {
    Headers headers = new RecordHeaders(context.headers() == null ? new org.apache.kafka.common.header.Header[0]
        : context.headers().toArray());
    describe(headers, context.topic(), context.partition(), context.offset(), exception);
    if (context.processorNodeId() != null) {
      headers.add(HEADER_PROCESSOR, utf8(context.processorNodeId()));
    }
    return new ProducerRecord<>(deadLetterTopic, null, context.timestamp() >= 0 ? context.timestamp() : null,
        context.sourceRawKey(), context.sourceRawValue(), headers);
  }

  private static void describe(Headers headers, String topic, int partition, long offset, Exception exception) {
    headers.add(HEADER_TOPIC, utf8(String.valueOf(topic)));
    headers.add(HEADER_PARTITION, utf8(Integer.toString(partition)));
    headers.add(HEADER_OFFSET, utf8(Long.toString(offset)));
    headers.add(HEADER_EXCEPTION, utf8(exception.getClass().getName()));
    headers.add(HEADER_MESSAGE, utf8(String.valueOf(exception.getMessage())));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
