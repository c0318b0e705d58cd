package io.flead.runtime;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output that cannot be serialised, or that the broker refuses for what it is (too large, invalid), sends the input
 * record it came from to the dead-letter topic and the task carries on: trying it again would fail the same way, and
 * failing would stop the app on it forever. Any other send failure (the broker unreachable, a fenced producer,
 * authorisation) is not about the record and fails as Kafka Streams' default does.
 */
public final class ProductionDeadLetterHandler implements ProductionExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ProductionDeadLetterHandler.class);

  private String deadLetterTopic;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetterTopic = DeadLetterHandler.topic(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (exception instanceof RecordTooLargeException || exception instanceof InvalidRecordException) {
      return deadLetter(context, record.topic(), exception);
    }
    return Response.fail();
  }

  @Override
  public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                           SerializationExceptionOrigin origin) {
    return deadLetter(context, record.topic(), exception);
  }

  private Response deadLetter(ErrorHandlerContext context, String outputTopic, Exception exception) {
    LOG.warn("Output to {} from {} failed for the record at topic {} partition {} offset {}; sent to {}",
        outputTopic, context.processorNodeId(), context.topic(), context.partition(), context.offset(),
        deadLetterTopic, exception);
    ProducerRecord<byte[], byte[]> dead = DeadLetterHandler.ofSource(deadLetterTopic, context, exception);
    dead.headers().add(DeadLetterHandler.HEADER_OUTPUT_TOPIC, DeadLetterHandler.utf8(String.valueOf(outputTopic)));
    return Response.resume(List.of(dead));
  }
}
