package io.flead.runtime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedBytesStore;

/**
 * A bytes store that counts the writes it receives, in front of a timestamped store: a reader on another thread
 * (a stream thread reading a global table) learns whether anything changed from one volatile read instead of
 * fetching and comparing the value. Placed under the table's metered layer with caching disabled, every write of
 * the global thread reaches it at once.
 */
final class ChangeCountingStore implements KeyValueStore<Bytes, byte[]>, TimestampedBytesStore {

  private final KeyValueStore<Bytes, byte[]> inner;
  private final AtomicLong changes = new AtomicLong();

  private ChangeCountingStore(KeyValueStore<Bytes, byte[]> inner) {
    this.inner = inner;
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
    inner.put(key, value);
    changes.incrementAndGet();
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    byte[] previous = inner.putIfAbsent(key, value);
    changes.incrementAndGet();
    return previous;
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    inner.putAll(entries);
    changes.incrementAndGet();
  }

  @Override
  public byte[] delete(Bytes key) {
    byte[] previous = inner.delete(key);
    changes.incrementAndGet();
    return previous;
  }

  @Override
  public byte[] get(Bytes key) {
    return inner.get(key);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
    return inner.range(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
    return inner.reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> all() {
    return inner.all();
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseAll() {
    return inner.reverseAll();
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(
      P prefix, PS prefixKeySerializer) {
    return inner.prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    return inner.approximateNumEntries();
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    inner.init(context, root);
  }

  @Override
  public void flush() {
    inner.flush();
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    inner.commit(changelogOffsets);
  }

  @Override
  public Long committedOffset(TopicPartition partition) {
    return inner.committedOffset(partition);
  }

  @Override
  public boolean managesOffsets() {
    return inner.managesOffsets();
  }

  @Override
  public void close() {
    inner.close();
  }

  @Override
  public boolean persistent() {
    return inner.persistent();
  }

  @Override
  public boolean isOpen() {
    return inner.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
    return inner.query(query, positionBound, config);
  }

  @Override
  public Position getPosition() {
    return inner.getPosition();
  }
}
