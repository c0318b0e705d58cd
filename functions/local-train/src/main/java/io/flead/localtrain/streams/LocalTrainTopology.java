package io.flead.localtrain.streams;

import io.flead.localtrain.core.LocalTrainSettings;
import io.flead.model.FeatureSpace;
import io.flead.runtime.FleadSerdes;
import io.flead.runtime.LatestGlobalModel;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * local-train as a Streams topology: telemetry, keyed by device, is folded into a per-device window
 * (a store of rows with a head per device, see {@link WindowRows}) and trained from the latest global model (a GlobalKTable of the compacted
 * {@code global-model-updates}), emitting to {@code local-model-updates} every N rows or T seconds.
 */
public final class LocalTrainTopology {

  /** Per device: the open window's {@link WindowHead}. */
  public static final String HEAD_STORE = "local-train-window-heads";
  /** Per row of an open window: {@code <device>\u0000<slot>} to the row's label, seq and feature values. */
  public static final String ROW_STORE = "local-train-window-rows";
  /** Index of open windows by opening time ({@code <opened ts, 19 digits>/<device>} to device), for the T trigger. */
  public static final String OPENINGS_STORE = "local-train-openings";
  public static final String GLOBAL_MODEL_STORE = "local-train-global-model";

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
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HEAD_STORE),
        Serdes.String(), WindowHead.serde()).withCachingEnabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ROW_STORE),
        Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPENINGS_STORE),
        Serdes.String(), Serdes.String()).withCachingEnabled());
    Serde<TelemetryRow> rows = Serdes.serdeFrom(TelemetryRowReader.NO_ENCODING,
        new TelemetryRowReader(new FeatureSpace(settings.core().featureNames())));
    builder.stream(settings.telemetryTopic(), Consumed.with(Serdes.String(), rows))
        .process(() -> new LocalTrainProcessor(settings), HEAD_STORE, ROW_STORE, OPENINGS_STORE)
        .to(settings.updatesTopic(), Produced.with(Serdes.String(), FleadSerdes.localUpdate()));
  }
}
