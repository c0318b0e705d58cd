package io.flead.fedavg.streams;

import io.flead.fedavg.core.Aggregator;
import io.flead.fedavg.core.RoundBuffer;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Folds each update into the single round buffer with {@link Aggregator} and publishes the model of each closed round.
 * Time is the wall clock (processing time): replayed devices' event times are skewed and would make deadlines and
 * model timestamps jump; a model's {@code ts} never goes below the previous model's.
 */
final class RoundProcessor implements Processor<String, LocalModelUpdate, String, GlobalModel> {

  private final FedAvgTopology.Settings settings;
  private final Aggregator aggregator;
  private ProcessorContext<String, GlobalModel> context;
  private RoundState state;
  private StoredSeenIds seen;

  RoundProcessor(FedAvgTopology.Settings settings) {
    this.settings = settings;
    this.aggregator = new Aggregator(settings.core());
  }

  @Override
  public void init(ProcessorContext<String, GlobalModel> context) {
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
    RoundBuffer buffer = aggregator.add(state.current(), record.value(), now, seen);
    if (aggregator.shouldClose(buffer, now)) {
      close(buffer, now);
    } else {
      state.put(buffer);
    }
  }

  private void closeIfDue(long now) {
    RoundBuffer buffer = state.stored();
    if (buffer != null && aggregator.shouldClose(buffer, now)) {
      close(buffer, now);
    }
  }

  private void close(RoundBuffer buffer, long wallClock) {
    GlobalModel next = state.close(buffer, wallClock);
    context.forward(new Record<>(settings.modelName(), next, next.ts()));
    // The model is readable once the transaction commits: commit after this batch, not at the next interval.
    context.commit();
  }
}
