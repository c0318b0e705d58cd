package io.flead.localtrain.streams;

import io.flead.localtrain.config.LocalTrainConfig;
import io.flead.localtrain.config.LocalTrainConfig.Settings;
import io.flead.localtrain.core.LocalTrainSettings;
import io.flead.runtime.ConsumedUpdates;
import io.flead.runtime.FleadSerdes;
import io.flead.runtime.LatestGlobalModel;
import io.flead.runtime.ObjectCachingStore;
import io.flead.runtime.TelemetryRow;
import io.flead.runtime.TelemetryRowReader;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * local-train as a Streams topology: telemetry, keyed by device, is folded into a per-device window
 * (blocks of rows with a head per device, see {@link WindowRows}) and trained from the latest global model (a GlobalKTable of the compacted
 * {@code global-model-updates}), emitting to {@code local-model-updates} every N rows or T seconds.
 */
public final class LocalTrainTopology {

  /** Per device: the open window's {@link WindowHead}. */
  public static final String HEAD_STORE = "local-train-window-heads";
  /** Per block of an open window's row slots: {@code <device>\u0000<block index>} to its {@link RowBlock}. */
  public static final String BLOCK_STORE = "local-train-window-blocks";
  /** Index of open windows by opening time ({@code <opened ts, 19 digits>/<device>} to device), for the T trigger. */
  public static final String OPENINGS_STORE = "local-train-openings";
  public static final String GLOBAL_MODEL_STORE = "local-train-global-model";
  /** fedavg's acknowledgements (a GlobalKTable of {@code fedavg-consumed}). */
  public static final String ACKS_STORE = "local-train-acks";
  /** Per device: its update fedavg has not acknowledged yet ({@link io.flead.localtrain.core.InFlightUpdate}). */
  public static final String IN_FLIGHT_STORE = "local-train-in-flight";
  /** Devices whose window is due but held until their previous update is acknowledged. */
  public static final String HELD_STORE = "local-train-held";
  /** How long a device waits for an acknowledgement at most, by default. */
  public static final long DEFAULT_ACK_TIMEOUT_MS = LocalTrainConfig.DEFAULT_ACK_TIMEOUT_MS;
  /** Heads and blocks kept as objects after a commit, per task, for devices whose windows stay open across it. */
  private static final int CACHED_HEADS = 20_000;
  private static final int CACHED_BLOCKS = 2_048;
  /** Openings are never read by key (only scanned by the punctuator), so none is kept after a commit. */
  private static final int CACHED_OPENINGS = 0;

  private LocalTrainTopology() {
  }

  public static void build(StreamsBuilder builder, Settings settings) {
    LatestGlobalModel.declare(builder, settings.globalModelTopic(), GLOBAL_MODEL_STORE);
    // heads and blocks change on every row: kept as objects between commits, serialised once per commit
    builder.addStateStore(ObjectCachingStore.builder(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(HEAD_STORE), Serdes.String(), WindowHead.serde()), CACHED_HEADS)
        .withCachingEnabled());
    int dimension = settings.core().featureNames().size();
    builder.addStateStore(ObjectCachingStore.builder(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(BLOCK_STORE), Serdes.String(), RowBlock.serde(dimension)), CACHED_BLOCKS)
        .withCachingEnabled());
    // an opening is put when a window opens and removed when it is emitted, mostly within one commit interval
    builder.addStateStore(ObjectCachingStore.builder(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(OPENINGS_STORE), Serdes.String(), Serdes.String()), CACHED_OPENINGS)
        .withCachingEnabled());
    String[] stores = {HEAD_STORE, BLOCK_STORE, OPENINGS_STORE};
    if (settings.backpressure()) {
      ConsumedUpdates.declare(builder, settings.acksTopic(), ACKS_STORE);
      for (String store : new String[] {IN_FLIGHT_STORE, HELD_STORE}) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store),
            Serdes.String(), Serdes.String()).withCachingEnabled());
      }
      stores = new String[] {HEAD_STORE, BLOCK_STORE, OPENINGS_STORE, IN_FLIGHT_STORE, HELD_STORE};
    }
    Serde<TelemetryRow> rows = TelemetryRowReader.serde(TelemetryRowReader.derived(settings.core().featureNames()));
    builder.stream(settings.telemetryTopic(), Consumed.with(Serdes.String(), rows))
        .process(() -> new LocalTrainProcessor(settings), stores)
        .to(settings.updatesTopic(), Produced.with(Serdes.String(), FleadSerdes.localUpdate()));
  }
}
