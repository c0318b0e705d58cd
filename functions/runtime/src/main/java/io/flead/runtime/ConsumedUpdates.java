package io.flead.runtime;

import io.flead.model.JsonCodec;
import io.flead.model.UpdateAck;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A processor's view of fedavg's acknowledgements ({@code fedavg-consumed}, compacted, keyed by device), read through a
 * GlobalKTable of raw JSON: the latest acknowledgement of each device, and a counter of the table's writes so a
 * processor can look again only after something was acknowledged. An undecodable record reads as no acknowledgement.
 */
public final class ConsumedUpdates {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumedUpdates.class);

  private final TimestampedKeyValueStore<String, byte[]> store;
  private final ChangeCountingStore changes;

  private ConsumedUpdates(TimestampedKeyValueStore<String, byte[]> store) {
    this.store = store;
    this.changes = LatestGlobalModel.countingStoreUnder(store);
  }

  /** Declares the global table of acknowledgements under {@code storeName}. */
  public static void declare(StreamsBuilder builder, String topic, String storeName) {
    builder.globalTable(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()),
        Materialized.<String, byte[]>as(ChangeCountingStore.persistent(storeName))
            .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()).withCachingDisabled());
  }

  /** The view for a processor whose topology declared the table as {@code storeName}. */
  public static ConsumedUpdates in(ProcessingContext context, String storeName) {
    return new ConsumedUpdates(context.getStateStore(storeName));
  }

  /** The device's latest acknowledgement, or null. */
  public UpdateAck of(String deviceId) {
    byte[] bytes = ValueAndTimestamp.getValueOrNull(store.get(deviceId));
    if (bytes == null) {
      return null;
    }
    try {
      return JsonCodec.decode(bytes, UpdateAck.class);
    } catch (RuntimeException e) {
      try (MDC.MDCCloseable device = MDC.putCloseable("device", deviceId)) {
        LOG.warn("Ignoring an undecodable acknowledgement of device '{}': {}", deviceId, e.getMessage());
      }
      return null;
    }
  }

  /** How many acknowledgements the table has taken (-1 when it cannot tell: then look every time). */
  public long changes() {
    return changes == null ? -1 : changes.changes();
  }
}
