package io.flead.localtrain.streams;

import io.flead.localtrain.core.DeviceWindow;
import io.flead.localtrain.core.LocalTrainSettings;
import io.flead.runtime.FleadSerdes;
import io.flead.runtime.FoldStateSerde;
import io.flead.runtime.LatestGlobalModel;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * local-train as a Streams topology: telemetry, keyed by device, is folded into a per-device window
 * (a state store) and trained from the latest global model (a GlobalKTable of the compacted
 * {@code global-model-updates}), emitting to {@code local-model-updates} every N rows or T seconds.
 */
public final class LocalTrainTopology {

  public static final String WINDOW_STORE = "local-train-windows";
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
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WINDOW_STORE),
        Serdes.String(), new FoldStateSerde<>(DeviceWindow.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPENINGS_STORE),
        Serdes.String(), Serdes.String()));
    builder.stream(settings.telemetryTopic(), Consumed.with(Serdes.String(), FleadSerdes.telemetry()))
        .process(() -> new LocalTrainProcessor(settings), WINDOW_STORE, OPENINGS_STORE)
        .to(settings.updatesTopic(), Produced.with(Serdes.String(), FleadSerdes.localUpdate()));
  }
}
