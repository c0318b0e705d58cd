package io.flead.fedavg.streams;

import io.flead.fedavg.core.Aggregator;
import io.flead.fedavg.core.RoundBuffer;
import io.flead.fedavg.core.RoundResult;
import io.flead.model.GlobalModel;
import io.flead.runtime.LatestGlobalModel;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The open round and the last model in their stores, and how a round closes; shared by updates and commands. */
final class RoundState {
  private static final Logger LOG = LoggerFactory.getLogger(RoundState.class);

  private final FedAvgTopology.Settings settings;
  private final Aggregator aggregator;
  private final KeyValueStore<String, RoundBuffer> rounds;
  private final KeyValueStore<String, GlobalModel> models;
  private final LatestGlobalModel published;

  RoundState(FedAvgTopology.Settings settings, Aggregator aggregator, ProcessingContext context) {
    this.settings = settings;
    this.aggregator = aggregator;
    this.rounds = context.getStateStore(FedAvgTopology.ROUND_STORE);
    this.models = context.getStateStore(FedAvgTopology.MODEL_STORE);
    this.published = LatestGlobalModel.in(context, FedAvgTopology.GLOBAL_MODEL_STORE, settings.modelName(),
        settings.featureNames());
  }

  RoundBuffer current() {
    RoundBuffer buffer = rounds.get(FedAvgTopology.ROUND_KEY);
    return buffer != null ? buffer : aggregator.empty();
  }

  /** The open round, or null when nothing arrived since the last close. */
  RoundBuffer stored() {
    return rounds.get(FedAvgTopology.ROUND_KEY);
  }

  void put(RoundBuffer buffer) {
    rounds.put(FedAvgTopology.ROUND_KEY, buffer);
  }

  /** Closes the round on top of the previous model; the new model's {@code ts} never goes below the previous one's. */
  GlobalModel close(RoundBuffer buffer, long wallClock) {
    GlobalModel previous = FedAvgTopology.newer(models.get(settings.modelName()), published.current(wallClock));
    long now = Math.max(wallClock, previous.ts());
    RoundResult result = aggregator.close(buffer, previous, now);
    GlobalModel next = result.global();
    models.put(settings.modelName(), next);
    rounds.put(FedAvgTopology.ROUND_KEY, result.next());
    LOG.info("Round {} closed: version {}, {} participants, {} rejected", next.round(), next.version(),
        next.participants(), next.rejected().size());
    return next;
  }
}
