package io.flead.fedavg.streams;

import io.flead.fedavg.config.FedAvgConfig;
import io.flead.fedavg.core.Aggregator;
import io.flead.fedavg.core.Arrival;
import io.flead.fedavg.core.RoundBuffer;
import io.flead.model.LocalModelUpdate;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Checks each update on arrival with {@link Aggregator}, publishes the model of each closed round and acknowledges
 * every consumed update (a rejected one at once, an accepted one when its round closes). Time is the wall clock
 * (processing time): replayed devices' event times are skewed and would make deadlines and model timestamps jump; a
 * model's {@code ts} never goes below the previous model's.
 */
final class RoundProcessor implements Processor<String, LocalModelUpdate, String, FedAvgOutput> {

  private final FedAvgConfig.Settings settings;
  private final Aggregator aggregator;
  private ProcessorContext<String, FedAvgOutput> context;
  private RoundState state;
  private StoredSeenIds seen;

  RoundProcessor(FedAvgConfig.Settings settings) {
    this.settings = settings;
    this.aggregator = new Aggregator(settings.core());
  }

  @Override
  public void init(ProcessorContext<String, FedAvgOutput> context) {
    this.context = context;
    this.state = new RoundState(settings, aggregator, context);
    this.seen = new StoredSeenIds(context.getStateStore(FedAvgTopology.SEEN_IDS_STORE),
        context.getStateStore(FedAvgTopology.SEEN_ARRIVALS_STORE), settings.core().seenIdsCapacity());
    Duration every = Duration.ofMillis(settings.punctuateIntervalMs());
    context.schedule(every, PunctuationType.WALL_CLOCK_TIME, wall -> closeIfDue(context.currentSystemTimeMs()));
  }

  @Override
  public void process(Record<String, LocalModelUpdate> record) {
    if (record.value() == null) {
      return;
    }
    long now = context.currentSystemTimeMs();
    Arrival arrival = state.arrive(record.value(), now, seen);
    if (!arrival.accepted()) {
      forward(FedAvgOutput.of(RoundState.rejectedAck(arrival.update(), arrival.rejection(), now)), now);
    }
    closeIfDue(now);
  }

  private void closeIfDue(long now) {
    RoundBuffer buffer = state.current();
    if (buffer.participants() > 0 && aggregator.shouldClose(buffer, now)) {
      RoundState.Closed closed = state.close(buffer, now);
      closed.acks().forEach(ack -> forward(FedAvgOutput.of(ack), now));
      if (closed.model() != null) {
        forward(FedAvgOutput.of(closed.model()), closed.model().ts());
        // The model is readable once the transaction commits: commit after this batch, not at the next interval.
        context.commit();
      }
    }
  }

  private void forward(FedAvgOutput output, long ts) {
    String key = output.model() != null ? settings.modelName() : output.ack().deviceId();
    context.forward(new Record<>(key, output, ts));
  }
}
