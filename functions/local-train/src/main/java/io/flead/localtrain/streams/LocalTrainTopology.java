package io.flead.localtrain.streams;

import io.flead.localtrain.core.LocalTrainSettings;
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
  /** Heads and blocks kept as objects after a commit, per task, for devices whose windows stay open across it. */
  private static final int CACHED_HEADS = 20_000;
  private static final int CACHED_BLOCKS = 2_048;
  /** Openings are never read by key (only scanned by the punctuator), so none is kept after a commit. */
  private static final int CACHED_OPENINGS = 0;

  /**
   * What the topology needs to know.
   *
   * @param punctuateIntervalMs how often idle windows are checked against T, in stream time and in wall-clock time
   */
  public record Settings(String telemetryTopic, String globalModelTopic, String updatesTopic, String modelName,
                         long punctuateIntervalMs, LocalTrainSettings core) {
  }

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
    Serde<TelemetryRow> rows = TelemetryRowReader.serde(TelemetryRowReader.derived(settings.core().featureNames()));
    builder.stream(settings.telemetryTopic(), Consumed.with(Serdes.String(), rows))
        .process(() -> new LocalTrainProcessor(settings), HEAD_STORE, BLOCK_STORE, OPENINGS_STORE)
        .to(settings.updatesTopic(), Produced.with(Serdes.String(), FleadSerdes.localUpdate()));
  }
}
