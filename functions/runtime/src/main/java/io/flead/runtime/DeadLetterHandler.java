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
 * Sends records that cannot be deserialised, unchanged, to the dead-letter topic and carries on.
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

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

  private String deadLetterTopic;

  @Override
  public void configure(Map<String, ?> configs) {
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    deadLetterTopic = topic != null && !topic.toString().isBlank()
        ? topic.toString()
        : configs.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-dlq";
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    LOG.warn("Undeserialisable record at topic {} partition {} offset {} sent to {}: {}",
        record.topic(), record.partition(), record.offset(), deadLetterTopic, exception.toString());
    return Response.resume(List.of(deadLetter(record, exception)));
  }

  private ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, Exception exception) {
    Headers headers = new RecordHeaders(record.headers().toArray());
    headers.add(HEADER_TOPIC, utf8(record.topic()));
    headers.add(HEADER_PARTITION, utf8(Integer.toString(record.partition())));
    headers.add(HEADER_OFFSET, utf8(Long.toString(record.offset())));
    headers.add(HEADER_EXCEPTION, utf8(exception.getClass().getName()));
    headers.add(HEADER_MESSAGE, utf8(String.valueOf(exception.getMessage())));
    return new ProducerRecord<>(deadLetterTopic, null, record.timestamp(), record.key(), record.value(), headers);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
