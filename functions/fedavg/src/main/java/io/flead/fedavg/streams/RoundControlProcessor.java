package io.flead.fedavg.streams;

import io.flead.fedavg.config.FedAvgConfig;
import io.flead.fedavg.core.Aggregator;
import io.flead.fedavg.core.RoundBuffer;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.model.MessageFormatException;
import io.flead.model.UpdateAck;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Answers round commands: "close-round" closes the open round now when it has at least the minimum of participants
 * (and at least one) accepted update, otherwise the reply says why not. Every command gets exactly one reply, keyed by its request id.
 */
final class RoundControlProcessor implements Processor<String, String, String, RoundOutcome> {

  private final FedAvgConfig.Settings settings;
  private final Aggregator aggregator;
  private ProcessorContext<String, RoundOutcome> context;
  private RoundState state;

  RoundControlProcessor(FedAvgConfig.Settings settings) {
    this.settings = settings;
    this.aggregator = new Aggregator(settings.core());
  }

  @Override
  public void init(ProcessorContext<String, RoundOutcome> context) {
    this.context = context;
    this.state = new RoundState(settings, aggregator, context);
  }

  @Override
  public void process(Record<String, String> record) {
    long now = context.currentSystemTimeMs();
    RoundCommand command;
    try {
      command = record.value() == null ? null : JsonCodec.decode(record.value(), RoundCommand.class);
    } catch (MessageFormatException e) {
      command = null;
    }
    String requestId = command != null && command.requestId() != null ? command.requestId() : record.key();
    RoundBuffer buffer = state.current();
    int minimum = Math.max(1, aggregator.settings().minParticipants());
    if (command == null || !RoundCommand.CLOSE_ROUND.equals(command.command())) {
      reply(null, List.of(), refusal(requestId, buffer, minimum, "unknown command " + (command == null ? "(malformed)"
          : "'" + command.command() + "'") + ": expected {\"command\":\"" + RoundCommand.CLOSE_ROUND + "\"}", now));
    } else if (buffer.participants() < minimum) {
      reply(null, List.of(), refusal(requestId, buffer, minimum, "too few participants: " + buffer.participants()
          + " device(s) in the open round, at least " + minimum + " needed", now));
    } else {
      int participants = buffer.participants();
      RoundState.Closed closed = state.close(buffer, now);
      GlobalModel next = closed.model();
      reply(next, closed.acks(), next == null
          ? refusal(requestId, buffer, minimum, "no update of the round passed its checks against the current version", now)
          : new RoundReply(requestId, true, next.version(), next.round(), participants, minimum, null, next.ts()));
    }
  }

  private static RoundReply refusal(String requestId, RoundBuffer buffer, int minimum, String reason, long now) {
    return new RoundReply(requestId, false, null, null, buffer.participants(), minimum, reason, now);
  }

  private void reply(GlobalModel model, List<UpdateAck> acks, RoundReply reply) {
    context.forward(new Record<>(reply.requestId(), new RoundOutcome(model, reply, acks), reply.ts()));
    context.commit();
  }
}
