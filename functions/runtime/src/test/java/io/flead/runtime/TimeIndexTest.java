package io.flead.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** Keys sort by time, then id, and a read up to a time returns exactly the entries at or before it. */
class TimeIndexTest {

  @Test
  void keysArePaddedTimesThenTheId() {
    assertThat(TimeIndex.key(1_700_000_000_000L, "dev-1")).isEqualTo(String.format("%019d/%s", 1_700_000_000_000L, "dev-1"));
    assertThat(TimeIndex.key(-5, "d")).isEqualTo("0".repeat(19) + "/d");
    assertThat(TimeIndex.key(Long.MAX_VALUE, "")).isEqualTo(Long.MAX_VALUE + "/");
  }

  @Test
  void readsTheEntriesAtOrBeforeATime() {
    KeyValueStore<String, String> index = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("index"),
        Serdes.String(), Serdes.String()).withLoggingDisabled().build();
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    index.init(context.getStateStoreContext(), index);
    for (long t : new long[] {5, 10, 10, 11, 200}) {
      index.put(TimeIndex.key(t, "d" + t + "-" + index.approximateNumEntries()), "v" + t);
    }
    assertThat(TimeIndex.upTo(index, 10)).extracting(kv -> kv.value).containsExactly("v5", "v10", "v10");
    assertThat(TimeIndex.upTo(index, 4)).isEmpty();
    for (KeyValue<String, String> e : TimeIndex.upTo(index, 1_000)) {
      index.delete(e.key);
    }
    assertThat(index.approximateNumEntries()).isZero();
    index.close();
  }
}
