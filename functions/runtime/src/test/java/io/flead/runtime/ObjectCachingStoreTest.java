package io.flead.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObjectCachingStoreTest {
    private final AtomicInteger serialised = new AtomicInteger();
    private KeyValueStore<String, long[]> store;
    private KeyValueStore<String, long[]> inner;

    @BeforeEach
    void open() {
        Serde<long[]> counting = Serdes.serdeFrom((topic, v) -> {
            serialised.incrementAndGet();
            return Serdes.Long().serializer().serialize(topic, v[0]);
        }, (topic, bytes) -> bytes == null ? null : new long[] {Serdes.Long().deserializer().deserialize(topic, bytes)});
        store = ObjectCachingStore.builder(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("counts"),
            Serdes.String(), counting).withLoggingDisabled(), 2).build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        inner = innerOf(store);
    }

    private static KeyValueStore<String, long[]> innerOf(KeyValueStore<String, long[]> wrapper) {
        return ((ObjectCachingStore<String, long[]>) wrapper).inner;
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aFoldPutOnEveryRecordIsSerialisedOnceACommit() {
        for (int i = 1; i <= 1_000; i++) {
            long[] count = store.get("device-1");
            if (count == null) {
                count = new long[1];
            }
            count[0]++;
            store.put("device-1", count);
        }
        assertThat(serialised).hasValue(0);
        assertThat(inner.get("device-1")).as("nothing reaches the inner store before the commit").isNull();
        ((ObjectCachingStore<String, long[]>) store).flushCache();
        assertThat(serialised).hasValue(1);
        assertThat(inner.get("device-1")).containsExactly(1_000L);
        assertThat(store.get("device-1")).containsExactly(1_000L);
    }

    @Test
    void deletesAndScansSeeEveryPut() {
        store.put("a", new long[] {1});
        store.put("b", new long[] {2});
        store.put("c", new long[] {3});
        assertThat(store.delete("b")).containsExactly(2L);
        assertThat(store.get("b")).isNull();
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, long[]> it = store.all()) {
            it.forEachRemaining(kv -> keys.add(kv.key + "=" + kv.value[0]));
        }
        assertThat(keys).containsExactly("a=1", "c=3");
        assertThat(inner.get("b")).isNull();
        store.putAll(List.of(KeyValue.pair("d", new long[] {4})));
        assertThat(store.putIfAbsent("d", new long[] {9})).containsExactly(4L);
        store.flush();
        assertThat(inner.get("d")).containsExactly(4L);
    }

    @Test
    void clearingTheCacheDropsWhatWasNotCommitted() {
        store.put("a", new long[] {1});
        store.flush();
        store.put("a", new long[] {2});
        ((ObjectCachingStore<String, long[]>) store).clearCache();
        assertThat(store.get("a")).containsExactly(1L);
    }

    @Test
    void cleanObjectsAreBoundedAndReadBackFromTheInnerStore() {
        for (int i = 0; i < 5; i++) {
            store.put("k" + i, new long[] {i});
        }
        store.flush();
        for (int i = 0; i < 5; i++) {
            assertThat(store.get("k" + i)).containsExactly((long) i);
        }
        assertThat(store.approximateNumEntries()).isEqualTo(5);
    }
}
