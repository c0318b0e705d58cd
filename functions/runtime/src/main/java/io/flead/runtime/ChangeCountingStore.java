package io.flead.runtime;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedBytesStore;

/**
 * A bytes store that counts the writes it receives, in front of a timestamped store: a reader on another thread
 * (a stream thread reading a global table) learns whether anything changed from one volatile read instead of
 * fetching and comparing the value. Placed under the table's metered layer with caching disabled, every write of
 * the global thread reaches it at once.
 */
final class ChangeCountingStore extends ForwardingKeyValueStore<Bytes, byte[]> implements TimestampedBytesStore {

  private final AtomicLong changes = new AtomicLong();

  private ChangeCountingStore(KeyValueStore<Bytes, byte[]> inner) {
    super(inner);
  }

  /** Supplies a counting store in front of a persistent timestamped store named {@code name}. */
  static KeyValueBytesStoreSupplier persistent(String name) {
    KeyValueBytesStoreSupplier timestamped = Stores.persistentTimestampedKeyValueStore(name);
    return new KeyValueBytesStoreSupplier() {
      @Override
      public String name() {
        return timestamped.name();
      }

      @Override
      public KeyValueStore<Bytes, byte[]> get() {
        return new ChangeCountingStore(timestamped.get());
      }

      @Override
      public String metricsScope() {
        return timestamped.metricsScope();
      }
    };
  }

  /** How many writes this store has taken since it was created; grows with every put or delete. */
  long changes() {
    return changes.get();
  }

  @Override
  public void put(Bytes key, byte[] value) {
    super.put(key, value);
    changes.incrementAndGet();
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    byte[] previous = super.putIfAbsent(key, value);
    changes.incrementAndGet();
    return previous;
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    super.putAll(entries);
    changes.incrementAndGet();
  }

  @Override
  public byte[] delete(Bytes key) {
    byte[] previous = super.delete(key);
    changes.incrementAndGet();
    return previous;
  }
}
