package io.flead.runtime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A key-value store that keeps the values it was given as objects until the next commit, in front of a store
 * built as usual (serde, cache, changelog, RocksDB).
 *
 * <p>A fold state that changes on every record (a device's drift window) costs one deserialisation on
 * {@code get} and one serialisation on {@code put} per record in a plain store, even a cached one, because the
 * record cache holds bytes. Here {@code put} keeps the object and marks it dirty, {@code get} returns it as
 * it is, and only the latest object of each key is written to the inner store when Streams flushes or commits
 * the store's cache before a commit: the same commit that sends the changelog records and, under exactly-once,
 * commits them with the input offsets, so a crash loses nothing that was committed and keeps nothing that was not.
 * Streams' hook for that moment is its record cache's {@link CachedStateStore} interface (the public store API
 * has no pre-commit hook), which this store implements as Kafka's own caching layer does.
 *
 * <p>Values must be treated as owned by the store once put (the processor keeps mutating the same object
 * between commits, which is the point). Range and full scans write the dirty objects first, so they see every
 * put. At most {@code maxObjects} clean objects are kept for reading; dirty ones are kept until the commit.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class ObjectCachingStore<K, V> extends ForwardingKeyValueStore<K, V> implements CachedStateStore<K, V> {
    private static final Object DELETED = new Object();
    private final int maxObjects;
    private final Map<K, Object> dirty = new LinkedHashMap<>();
    private final LinkedHashMap<K, V> clean;

    ObjectCachingStore(KeyValueStore<K, V> inner, int maxObjects) {
        super(inner);
        this.maxObjects = maxObjects;
        this.clean = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > ObjectCachingStore.this.maxObjects;
            }
        };
    }

    /** A builder of this store in front of {@code inner}'s store, keeping at most {@code maxObjects} clean objects. */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> builder(StoreBuilder<KeyValueStore<K, V>> inner,
                                                                    int maxObjects) {
        return new Builder<>(inner, maxObjects);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(K key) {
        Object pending = dirty.get(key);
        if (pending != null) {
            return pending == DELETED ? null : (V) pending;
        }
        V cached = clean.get(key);
        if (cached != null) {
            return cached;
        }
        V stored = inner.get(key);
        if (stored != null) {
            clean.put(key, stored);
        }
        return stored;
    }

    @Override
    public void put(K key, V value) {
        clean.remove(key);
        dirty.put(key, value == null ? DELETED : value);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V existing = get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        for (KeyValue<K, V> e : entries) {
            put(e.key, e.value);
        }
    }

    @Override
    public V delete(K key) {
        V existing = get(key);
        put(key, null);
        return existing;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        writeDirty();
        return inner.range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        writeDirty();
        return inner.all();
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        writeDirty();
        return inner.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        writeDirty();
        return inner.reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        writeDirty();
        return inner.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries() + dirty.size();
    }

    /** Writes the latest object of every dirty key to the inner store, where it is serialised once. */
    @SuppressWarnings("unchecked")
    private void writeDirty() {
        if (dirty.isEmpty()) {
            return;
        }
        List<KeyValue<K, V>> batch = new ArrayList<>(dirty.size());
        Iterator<Map.Entry<K, Object>> it = dirty.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<K, Object> e = it.next();
            V value = e.getValue() == DELETED ? null : (V) e.getValue();
            batch.add(KeyValue.pair(e.getKey(), value));
            if (value != null) {
                clean.put(e.getKey(), value);
            }
            it.remove();
        }
        inner.putAll(batch);
    }

    /** Before Streams sends a commit's changelog records and commits its transaction. */
    @Override
    public void flushCache() {
        writeDirty();
        if (inner instanceof CachedStateStore<?, ?> cached) {
            cached.flushCache();
        }
    }

    /** When Streams abandons uncommitted work (a corrupted task is revived from its changelog). */
    @Override
    public void clearCache() {
        dirty.clear();
        clean.clear();
        if (inner instanceof CachedStateStore<?, ?> cached) {
            cached.clearCache();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues) {
        return inner instanceof CachedStateStore<?, ?> cached
            && ((CachedStateStore<K, V>) cached).setFlushListener(listener, sendOldValues);
    }

    @Override
    public void flush() {
        writeDirty();
        inner.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        writeDirty();
        inner.commit(changelogOffsets);
    }

    @Override
    public void close() {
        // Streams commits (and so flushes) a task's stores before closing them cleanly; what is still dirty here
        // belongs to an uncommitted transaction that is being abandoned, and must not be written
        dirty.clear();
        clean.clear();
        inner.close();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        writeDirty();
        return inner.query(query, positionBound, config);
    }

    private static final class Builder<K, V> implements StoreBuilder<KeyValueStore<K, V>> {
        private final StoreBuilder<KeyValueStore<K, V>> inner;
        private final int maxObjects;

        Builder(StoreBuilder<KeyValueStore<K, V>> inner, int maxObjects) {
            this.inner = inner;
            this.maxObjects = maxObjects;
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
            inner.withCachingEnabled();
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
            inner.withCachingDisabled();
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
            inner.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
            inner.withLoggingDisabled();
            return this;
        }

        @Override
        public KeyValueStore<K, V> build() {
            return new ObjectCachingStore<>(inner.build(), maxObjects);
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
