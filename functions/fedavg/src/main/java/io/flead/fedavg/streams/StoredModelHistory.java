package io.flead.fedavg.streams;

import io.flead.fedavg.core.ModelHistory;
import io.flead.fedavg.core.VersionRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The recent versions in a state store, one entry per version keyed by the zero-padded version number. */
final class StoredModelHistory implements ModelHistory {

  private final KeyValueStore<String, VersionRecord> store;

  StoredModelHistory(KeyValueStore<String, VersionRecord> store) {
    this.store = store;
  }

  @Override
  public VersionRecord get(long version) {
    return store.get(key(version));
  }

  @Override
  public void put(VersionRecord record) {
    store.put(key(record.version()), record);
  }

  @Override
  public void forgetBefore(long version) {
    if (version <= 1) {
      return;
    }
    List<String> old = new ArrayList<>();
    try (KeyValueIterator<String, VersionRecord> it = store.range(key(1), key(version - 1))) {
      while (it.hasNext()) {
        KeyValue<String, VersionRecord> entry = it.next();
        old.add(entry.key);
      }
    }
    old.forEach(store::delete);
  }

  static String key(long version) {
    String digits = Long.toString(version);
    return "0".repeat(Math.max(0, 19 - digits.length())) + digits;
  }
}
