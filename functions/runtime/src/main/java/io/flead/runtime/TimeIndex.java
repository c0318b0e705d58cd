package io.flead.runtime;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * An index of ids by time in a key-value store, so a punctuator reads only the entries old enough to matter: keys
 * {@code <time in ms, 19 zero-padded digits>/<id>} sort by time, then id; negative times count as 0.
 */
public final class TimeIndex {

  private static final int DIGITS = 19;

  private TimeIndex() {
  }

  /** The key of {@code id} at {@code ms}. */
  public static String key(long ms, String id) {
    String digits = Long.toString(Math.max(0, ms));
    return "0".repeat(DIGITS - digits.length()) + digits + '/' + id;
  }

  /** Every entry of {@code index} at or before {@code ms}, read into a list so the caller may change the store. */
  public static List<KeyValue<String, String>> upTo(KeyValueStore<String, String> index, long ms) {
    List<KeyValue<String, String>> entries = new ArrayList<>();
    try (KeyValueIterator<String, String> it = index.range(key(0, ""), key(ms, "\uffff"))) {
      it.forEachRemaining(entries::add);
    }
    return entries;
  }
}
