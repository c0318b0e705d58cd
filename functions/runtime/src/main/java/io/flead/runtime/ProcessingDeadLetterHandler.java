package io.flead.runtime;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose processing throws goes, as read, to the dead-letter topic, and the task carries on with the next
 * one. Without it the exception kills the stream thread, {@code REPLACE_THREAD} starts a new one on the same record,
 * and the app fails on it forever while its threads keep being replaced. Under exactly-once the dead letter is part of
 * the task's transaction, like the deserialisation handler's ({@link DeadLetterHandler}).
 */
public final class ProcessingDeadLetterHandler implements ProcessingExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessingDeadLetterHandler.class);

  private String deadLetterTopic;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetterTopic = DeadLetterHandler.topic(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    LOG.warn("Processing failed in {} on the record at topic {} partition {} offset {}; sent to {}",
        context.processorNodeId(), context.topic(), context.partition(), context.offset(), deadLetterTopic, exception);
    return Response.resume(List.of(DeadLetterHandler.ofSource(deadLetterTopic, context, exception)));
  }
}
