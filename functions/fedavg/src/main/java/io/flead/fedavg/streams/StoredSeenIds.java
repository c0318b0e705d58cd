package io.flead.fedavg.streams;

import io.flead.fedavg.core.SeenUpdateIds;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The update ids fedavg has received, one store entry per id ({@code id -> arrival number}) plus an index by
 * arrival ({@code <arrival number, 19 digits> -> id}) that finds the oldest to forget beyond the capacity. Storing
 * the round buffer then no longer rewrites every remembered id on every update.
 */
final class StoredSeenIds implements SeenUpdateIds {

  private static final String FIRST = "first";
  private static final String NEXT = "next";

  private final KeyValueStore<String, String> ids;
  private final KeyValueStore<String, String> arrivals;
  private final int capacity;

  StoredSeenIds(KeyValueStore<String, String> ids, KeyValueStore<String, String> arrivals, int capacity) {
    this.ids = ids;
    this.arrivals = arrivals;
    this.capacity = capacity;
  }

  @Override
  public boolean seen(String updateId) {
    return ids.get(updateId) != null;
  }

  @Override
  public void remember(String updateId) {
    long next = counter(NEXT);
    ids.put(updateId, Long.toString(next));
    arrivals.put(arrivalKey(next), updateId);
    arrivals.put(NEXT, Long.toString(next + 1));
    long first = counter(FIRST);
    while (next + 1 - first > capacity) {
      String oldest = arrivals.get(arrivalKey(first));
      if (oldest != null) {
        ids.put(oldest, null);
        arrivals.put(arrivalKey(first), null);
      }
      first++;
    }
    arrivals.put(FIRST, Long.toString(first));
  }

  private long counter(String name) {
    String value = arrivals.get(name);
    return value == null ? 0 : Long.parseLong(value);
  }

  /** Zero-padded, so arrival keys sort by number (and before the counters' letter keys). */
  private static String arrivalKey(long arrival) {
    return String.format("%019d", arrival);
  }
}
