package io.flead.driftcheck.streams;

import io.flead.driftcheck.config.DriftCheckConfig;
import io.flead.driftcheck.config.DriftCheckConfig.Settings;
import io.flead.driftcheck.core.DeviceDriftState;
import io.flead.driftcheck.core.DriftSettings;
import io.flead.model.EdgeIiotFeatures;
import io.flead.runtime.FleadSerdes;
import io.flead.runtime.FoldStateSerde;
import io.flead.runtime.ObjectCachingStore;
import io.flead.runtime.LatestGlobalModel;
import io.flead.runtime.TelemetryRowReader;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * drift-check as a Streams topology: each device's recent rows are folded into a bounded window
 * state (a state store) and compared with the latest global model's reference; findings go to
 * {@code drift-alerts}. Devices idle for longer than the eviction interval lose their state.
 */
public final class DriftCheckTopology {

  public static final String WINDOW_STORE = "drift-check-windows";
  /** Device windows kept as objects for reading between commits (about 14 KB each with the default window). */
  static final int CACHED_DEVICES = 4096;
  /** Index of devices by the time bucket of their last row, for eviction without a full scan. */
  public static final String LAST_SEEN_STORE = "drift-check-last-seen";
  public static final String GLOBAL_MODEL_STORE = "drift-check-global-model";

  private DriftCheckTopology() {
  }

  public static void build(StreamsBuilder builder, Settings settings) {
    LatestGlobalModel.declare(builder, settings.globalModelTopic(), GLOBAL_MODEL_STORE);
    // a device's window changes on every row: kept as objects between commits, serialised once per commit
    builder.addStateStore(ObjectCachingStore.builder(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(WINDOW_STORE), Serdes.String(), new FoldStateSerde<>(DeviceDriftState.class)),
        CACHED_DEVICES));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LAST_SEEN_STORE),
        Serdes.String(), Serdes.String()).withCachingEnabled());
    // rows are read as the model reads them, for its verdict; drift compares the plain columns among them
    // (indicators are left out of the references)
    TelemetryRowReader rows = TelemetryRowReader.derived(EdgeIiotFeatures.MODEL);
    builder.stream(settings.telemetryTopic(), Consumed.with(Serdes.String(), TelemetryRowReader.serde(rows)))
        .process(() -> new DriftCheckProcessor(settings, rows), WINDOW_STORE, LAST_SEEN_STORE)
        .to(settings.alertsTopic(), Produced.with(Serdes.String(), FleadSerdes.driftAlert()));
  }
}
