package io.flead.fedavg.streams;

import io.flead.fedavg.config.FedAvgConfig;
import io.flead.fedavg.core.Aggregator;
import io.flead.fedavg.core.Arrival;
import io.flead.fedavg.core.RoundBuffer;
import io.flead.fedavg.core.RoundResult;
import io.flead.fedavg.core.SeenUpdateIds;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import io.flead.model.Rejection;
import io.flead.model.UpdateAck;
import io.flead.runtime.LatestGlobalModel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open round and the last model in their stores, and how updates arrive and rounds close; shared by updates and
 * commands. The round is stored as one small {@link RoundHeader} plus one entry per accepted update, so each update is
 * written to the changelog once and a commit rewrites only what changed. The round is also kept as an object between
 * updates; the header's generation tells whether that object is still the stored round (after a restore it is not,
 * and the round is read back from its entries).
 */
final class RoundState {
  private static final Logger LOG = LoggerFactory.getLogger(RoundState.class);

  private final FedAvgConfig.Settings settings;
  private final Aggregator aggregator;
  private final KeyValueStore<String, RoundHeader> headers;
  private final KeyValueStore<String, LocalModelUpdate> members;
  private final KeyValueStore<String, GlobalModel> models;
  private final StoredModelHistory history;
  private final LatestGlobalModel published;
  private RoundBuffer cached;
  private long cachedGeneration = -1;
  private GlobalModel lastModel;

  RoundState(FedAvgConfig.Settings settings, Aggregator aggregator, ProcessingContext context) {
    this.settings = settings;
    this.aggregator = aggregator;
    this.headers = context.getStateStore(FedAvgTopology.ROUND_STORE);
    this.members = context.getStateStore(FedAvgTopology.ROUND_UPDATES_STORE);
    this.models = context.getStateStore(FedAvgTopology.MODEL_STORE);
    this.history = new StoredModelHistory(context.getStateStore(FedAvgTopology.HISTORY_STORE));
    this.published = LatestGlobalModel.in(context, FedAvgTopology.GLOBAL_MODEL_STORE, settings.modelName(),
        settings.featureNames());
  }

  /** The open round (empty when nothing was accepted or rejected since the last version). */
  RoundBuffer current() {
    RoundHeader header = header();
    if (cached == null || cachedGeneration != header.generation()) {
      cached = restore(header);
      cachedGeneration = header.generation();
    }
    return cached;
  }

  private RoundHeader header() {
    RoundHeader header = headers.get(FedAvgTopology.ROUND_KEY);
    return header == null ? RoundHeader.NONE : header;
  }

  private RoundBuffer restore(RoundHeader header) {
    List<LocalModelUpdate> updates = new ArrayList<>();
    try (KeyValueIterator<String, LocalModelUpdate> it = members.all()) {
      while (it.hasNext()) {
        updates.add(it.next().value);
      }
    }
    return RoundBuffer.restore(1, new LinkedHashSet<>(), header.openedMs(), updates, header.rejected(),
        header.rejectedCounts());
  }

  /**
   * The model the round builds on: the newer of the stored one and the published one. The stored one is kept as an
   * object while it is the version the round's header names (a model closed in a transaction that was then aborted is
   * not, and is read again).
   */
  GlobalModel previous(long nowMs) {
    long stored = header().version();
    if (lastModel == null || lastModel.version() != stored) {
      lastModel = models.get(settings.modelName());
    }
    return FedAvgTopology.newer(lastModel, published.current(nowMs));
  }

  /** Checks an update on arrival and stores the round as it now is; a rejection comes with its acknowledgement. */
  Arrival arrive(LocalModelUpdate update, long nowMs, SeenUpdateIds seen) {
    RoundBuffer buffer = current();
    GlobalModel previous = previous(nowMs);
    Arrival arrival = aggregator.arrive(buffer, update, previous, nowMs, seen);
    if (arrival.accepted()) {
      members.put(update.deviceId(), update);
    }
    store(buffer, previous.version());
    return arrival;
  }

  private void store(RoundBuffer buffer, long version) {
    RoundHeader next = header().next(buffer, version);
    headers.put(FedAvgTopology.ROUND_KEY, next);
    cached = buffer;
    cachedGeneration = next.generation();
  }

  /** What closing a round produced: the new model (null when none) and the acknowledgements to send. */
  record Closed(GlobalModel model, List<UpdateAck> acks) {
  }

  /** Closes the round on top of the previous model; the new model's {@code ts} never goes below the previous one's. */
  Closed close(RoundBuffer buffer, long wallClock) {
    GlobalModel previous = previous(wallClock);
    long now = Math.max(wallClock, previous.ts());
    RoundResult result = aggregator.close(buffer, previous, history, now);
    List<UpdateAck> acks = new ArrayList<>();
    for (Rejection r : result.rejectedAtClose()) {
      buffer.updates().stream().filter(u -> u.updateId().equals(r.updateId())).findFirst()
          .ifPresent(u -> acks.add(rejectedAck(u, r, now)));
    }
    for (LocalModelUpdate u : buffer.updates()) {
      members.delete(u.deviceId());
    }
    GlobalModel next = result.global();
    if (next == null) {
      store(result.next(), previous.version());
      return new Closed(null, acks);
    }
    for (LocalModelUpdate u : result.accepted()) {
      acks.add(new UpdateAck(u.deviceId(), u.updateId(), u.baseVersion(), u.lastSeq(), next.version(),
          UpdateAck.ACCEPTED, null, now));
    }
    models.put(settings.modelName(), next);
    lastModel = next;
    store(result.next(), next.version());
    LOG.info("Round {} closed: version {}, {} accepted, {} rejected since the previous version, max staleness {}",
        next.round(), next.version(), next.participants(), next.rejectedCounts(), next.maxStaleness());
    if (next.dp() != null) {
      LOG.info("Version {} spent epsilon {} at delta {} over {} noisy rounds (noise multiplier {})", next.version(),
          String.format(java.util.Locale.ROOT, "%.3f", next.dp().epsilon()), next.dp().delta(), next.dp().rounds(),
          next.dp().noiseMultiplier());
    }
    return new Closed(next, acks);
  }

  static UpdateAck rejectedAck(LocalModelUpdate u, Rejection r, long now) {
    return new UpdateAck(u.deviceId(), u.updateId(), u.baseVersion(), u.lastSeq(), null, Rejection.code(r.reason()),
        r.reason(), now);
  }
}
