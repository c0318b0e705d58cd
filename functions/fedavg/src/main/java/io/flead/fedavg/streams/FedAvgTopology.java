package io.flead.fedavg.streams;

import io.flead.fedavg.config.FedAvgConfig;
import io.flead.fedavg.config.FedAvgConfig.Settings;
import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.core.VersionRecord;
import io.flead.model.LocalModelUpdate;
import io.flead.model.UpdateAck;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.runtime.FleadSerdes;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.LatestGlobalModel;
import io.flead.runtime.FoldStateSerde;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * fedavg as a Streams topology.
 *
 * <p>All updates must reach one round buffer, but {@code local-model-updates} is keyed by device and
 * may have many partitions, each its own task. So the updates are re-keyed to one constant key and
 * repartitioned through an internal topic with exactly one partition ({@code <application.id>-round-repartition}):
 * one task, on one instance, owns the round; other instances stand by. Its state (the open round and
 * the last global model) lives in changelogged stores, so under exactly-once the round, the version
 * and the "already counted" update ids survive a restart together with the input offsets. The
 * previous model is the newer of the stored one and the one read back from the compacted
 * {@code global-model-updates} (a GlobalKTable), so a fresh instance continues the version sequence.
 */
public final class FedAvgTopology {

  /** The open round's {@link RoundHeader}, under {@link #ROUND_KEY}. */
  public static final String ROUND_STORE = "fedavg-round-header";
  /** The open round's accepted updates, one entry per device. */
  public static final String ROUND_UPDATES_STORE = "fedavg-round-updates";
  public static final String MODEL_STORE = "fedavg-model";
  /** The recent versions' parameters and running evaluations ({@code <version, 19 digits> -> VersionRecord}). */
  public static final String HISTORY_STORE = "fedavg-history";
  /** The update ids received ({@code id -> arrival number}), for duplicate detection; see {@link StoredSeenIds}. */
  public static final String SEEN_IDS_STORE = "fedavg-seen-ids";
  /** The same ids by arrival ({@code <arrival, 19 digits> -> id}), plus the counters {@code first} and {@code next}. */
  public static final String SEEN_ARRIVALS_STORE = "fedavg-seen-arrivals";
  public static final String GLOBAL_MODEL_STORE = "fedavg-global-model";
  public static final String ROUND_KEY = "round";
  static final String REPARTITION_NAME = "round";
  private static final String[] ROUND_STORES = {ROUND_STORE, ROUND_UPDATES_STORE, MODEL_STORE, HISTORY_STORE};

  private FedAvgTopology() {
  }

  public static void build(StreamsBuilder builder, Settings settings) {
    LatestGlobalModel.declare(builder, settings.globalModelTopic(), GLOBAL_MODEL_STORE);
    // the round is a small header plus one entry per accepted update: a commit writes only what changed
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ROUND_STORE),
        Serdes.String(), FleadSerdes.of(RoundHeader.class)).withCachingEnabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ROUND_UPDATES_STORE),
        Serdes.String(), new FoldStateSerde<>(LocalModelUpdate.class)).withCachingEnabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HISTORY_STORE),
        Serdes.String(), FleadSerdes.of(VersionRecord.class)).withCachingEnabled());
    for (String seen : new String[] {SEEN_IDS_STORE, SEEN_ARRIVALS_STORE}) {
      builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(seen),
          Serdes.String(), Serdes.String()).withCachingEnabled());
    }
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MODEL_STORE),
        Serdes.String(), FleadSerdes.globalModel()));
    // an update crosses to the round's partition as the bytes it was read as: it is decoded at the source only to be
    // checked (an undecodable one is dead-lettered there, naming its own topic, partition and offset) and decoded for
    // use after the hop, where encoding it again for the hop made a third JSON pass per update
    Deserializer<LocalModelUpdate> decoder = FleadSerdes.localUpdate().deserializer();
    Deserializer<byte[]> checked = (topic, bytes) -> {
      decoder.deserialize(topic, bytes);
      return bytes;
    };
    KStream<String, FedAvgOutput> outputs = builder.stream(settings.updatesTopic(),
            Consumed.with(Serdes.String(), Serdes.serdeFrom(new ByteArraySerializer(), checked)))
        .selectKey((device, update) -> ROUND_KEY)
        .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray())
            .withName(REPARTITION_NAME).withNumberOfPartitions(1))
        .mapValues(bytes -> decoder.deserialize(settings.updatesTopic(), bytes))
        .process(() -> new RoundProcessor(settings), ROUND_STORE, ROUND_UPDATES_STORE, MODEL_STORE, HISTORY_STORE,
            SEEN_IDS_STORE, SEEN_ARRIVALS_STORE);
    outputs.filter((key, out) -> out.model() != null).mapValues(FedAvgOutput::model)
        .to(settings.globalModelTopic(), Produced.with(Serdes.String(), FleadSerdes.globalModel()));
    outputs.filter((key, out) -> out.ack() != null).mapValues(FedAvgOutput::ack)
        .to(settings.acksTopic(), Produced.with(Serdes.String(), FleadSerdes.of(UpdateAck.class)));
    if (settings.roundControl()) {
      buildRoundControl(builder, settings);
    }
  }

  /**
   * Round commands (one-partition topic) are processed in the same task as the round, against the same stores: a
   * closed round's model goes to the global topic like any other, and every command gets a reply.
   */
  private static void buildRoundControl(StreamsBuilder builder, Settings settings) {
    KStream<String, RoundOutcome> outcomes = builder.stream(settings.controlTopic(),
            Consumed.with(Serdes.String(), Serdes.String()))
        .process(() -> new RoundControlProcessor(settings), ROUND_STORES);
    outcomes.filter((key, outcome) -> outcome.model() != null)
        .map((key, outcome) -> KeyValue.pair(settings.modelName(), outcome.model()))
        .to(settings.globalModelTopic(), Produced.with(Serdes.String(), FleadSerdes.globalModel()));
    outcomes.flatMap((key, outcome) -> outcome.acks().stream().map(ack -> KeyValue.pair(ack.deviceId(), ack)).toList())
        .to(settings.acksTopic(), Produced.with(Serdes.String(), FleadSerdes.of(UpdateAck.class)));
    outcomes.mapValues(outcome -> JsonCodec.encodeToString(outcome.reply()))
        .to(settings.controlRepliesTopic(), Produced.with(Serdes.String(), Serdes.String()));
  }

  /** The model a round builds on: the newer of two candidates (either may be null). */
  static GlobalModel newer(GlobalModel a, GlobalModel b) {
    if (a == null) {
      return b;
    }
    return b == null || a.version() >= b.version() ? a : b;
  }
}
