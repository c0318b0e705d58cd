package io.flead.fedavg.streams;

import io.flead.fedavg.core.Aggregator;
import io.flead.fedavg.core.RoundBuffer;
import io.flead.fedavg.core.RoundResult;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import io.flead.runtime.LatestGlobalModel;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds each update into the single round buffer with {@link Aggregator} and publishes the model of each closed round.
 * Time is the wall clock (processing time): replayed devices' event times are skewed and would make deadlines and
 * model timestamps jump; a model's {@code ts} never goes below the previous model's.
 */
final class RoundProcessor implements Processor<String, LocalModelUpdate, String, GlobalModel> {

  private static final Logger LOG = LoggerFactory.getLogger(RoundProcessor.class);

  private final FedAvgTopology.Settings settings;
  private final Aggregator aggregator;
  private ProcessorContext<String, GlobalModel> context;
  private KeyValueStore<String, RoundBuffer> rounds;
  private KeyValueStore<String, GlobalModel> models;
  private LatestGlobalModel published;

  RoundProcessor(FedAvgTopology.Settings settings) {
    this.settings = settings;
    this.aggregator = new Aggregator(settings.core());
  }

  @Override
  public void init(ProcessorContext<String, GlobalModel> context) {
    this.context = context;
    this.rounds = context.getStateStore(FedAvgTopology.ROUND_STORE);
    this.models = context.getStateStore(FedAvgTopology.MODEL_STORE);
    this.published = LatestGlobalModel.in(context, FedAvgTopology.GLOBAL_MODEL_STORE, settings.modelName(),
        settings.featureNames());
    Duration every = Duration.ofMillis(settings.punctuateIntervalMs());
    context.schedule(every, PunctuationType.WALL_CLOCK_TIME, wall -> closeIfDue(context.currentSystemTimeMs()));
  }

  @Override
  public void process(Record<String, LocalModelUpdate> record) {
    if (record.value() == null) {
      return;
    }
    long now = context.currentSystemTimeMs();
    RoundBuffer buffer = aggregator.add(currentRound(), record.value(), now);
    if (aggregator.shouldClose(buffer, now)) {
      close(buffer, now);
    } else {
      rounds.put(FedAvgTopology.ROUND_KEY, buffer);
    }
  }

  private void closeIfDue(long now) {
    RoundBuffer buffer = rounds.get(FedAvgTopology.ROUND_KEY);
    if (buffer != null && aggregator.shouldClose(buffer, now)) {
      close(buffer, now);
    }
  }

  private void close(RoundBuffer buffer, long wallClock) {
    GlobalModel previous = previousModel(wallClock);
    long now = Math.max(wallClock, previous.ts());
    RoundResult result = aggregator.close(buffer, previous, now);
    GlobalModel next = result.global();
    models.put(settings.modelName(), next);
    rounds.put(FedAvgTopology.ROUND_KEY, result.next());
    LOG.info("Round {} closed: version {}, {} participants, {} rejected", next.round(), next.version(),
        next.participants(), next.rejected().size());
    context.forward(new Record<>(settings.modelName(), next, now));
  }

  private RoundBuffer currentRound() {
    RoundBuffer buffer = rounds.get(FedAvgTopology.ROUND_KEY);
    return buffer != null ? buffer : aggregator.empty();
  }

  private GlobalModel previousModel(long now) {
    GlobalModel stored = models.get(settings.modelName());
    GlobalModel read = published.current(now);
    return FedAvgTopology.newer(stored, read);
  }
}
