package io.flead.runtime;

import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor's view of the latest global model, read from a GlobalKTable of the compacted
 * {@code global-model-updates} holding raw JSON: the table is read again only after the global thread wrote to it
 * (a counter in the table's store, see {@link ChangeCountingStore}), and the model is decoded only when its bytes
 * changed, so scoring a row costs one volatile read, not a store lookup of the whole model. An undecodable model is
 * logged and skipped (the previous one stays in use); before any model exists the version-0 model stands in.
 */
public final class LatestGlobalModel {

  private static final Logger LOG = LoggerFactory.getLogger(LatestGlobalModel.class);

  private final TimestampedKeyValueStore<String, byte[]> store;
  private final String modelName;
  private final List<String> initialFeatures;
  private final ChangeCountingStore changes;
  private long changesSeen = -1;
  private byte[] lastBytes;
  private GlobalModel last;

  private LatestGlobalModel(TimestampedKeyValueStore<String, byte[]> store, String modelName, List<String> initialFeatures) {
    this.store = store;
    this.changes = countingStoreUnder(store);
    this.modelName = modelName;
    this.initialFeatures = initialFeatures;
  }

  /** Declares the global table of raw models under {@code storeName}. */
  public static void declare(StreamsBuilder builder, String topic, String storeName) {
    builder.globalTable(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()),
        Materialized.<String, byte[]>as(ChangeCountingStore.persistent(storeName))
            .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()).withCachingDisabled());
  }

  /** The view for a processor whose topology declared the table as {@code storeName}. */
  public static LatestGlobalModel in(ProcessingContext context, String storeName, String modelName,
      List<String> initialFeatures) {
    return new LatestGlobalModel(context.getStateStore(storeName), modelName, initialFeatures);
  }

  /** The latest model, or the version-0 model over the initial features stamped {@code nowMs}. */
  public GlobalModel current(long nowMs) {
    if (changes != null) {
      long seen = changes.changes();
      if (seen == changesSeen && last != null) {
        return last;
      }
      changesSeen = seen;
    }
    byte[] bytes = ValueAndTimestamp.getValueOrNull(store.get(modelName));
    if (bytes != null && !Arrays.equals(bytes, lastBytes)) {
      try {
        last = JsonCodec.decode(bytes, GlobalModel.class);
      } catch (RuntimeException e) {
        LOG.warn("Ignoring an undecodable global model '{}' (keeping version {}): {}", modelName,
            last == null ? 0 : last.version(), e.getMessage());
      }
      lastBytes = bytes;
    }
    return last != null ? last : GlobalModel.initial(initialFeatures, nowMs);
  }

  /** True when the view reads the table again only after a write to it (the table was declared by {@link #declare}). */
  boolean countsChanges() {
    return changes != null;
  }

  /** The counting store under the table's layers, or null for a table declared otherwise (read on every call). */
  static ChangeCountingStore countingStoreUnder(StateStore store) {
    StateStore s = store;
    while (!(s instanceof ChangeCountingStore) && s instanceof WrappedStateStore<?, ?, ?> wrapper) {
      s = wrapper.wrapped();
    }
    return s instanceof ChangeCountingStore counting ? counting : null;
  }
}
