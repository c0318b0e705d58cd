package io.flead.runtime.lambda;

import java.util.function.Supplier;

/**
 * A Kafka client built on first use and closed by {@link #close}, after which the next use builds a new one: what a
 * SnapStart snapshot must not carry (a live connection, a producer identity) is dropped before the checkpoint and
 * rebuilt after the restore.
 */
final class RestorableClient<T> {

  private final Supplier<T> factory;
  private final boolean owned;
  private T client;
  private int builds;

  private RestorableClient(Supplier<T> factory, boolean owned) {
    this.factory = factory;
    this.owned = owned;
  }

  /** A client this holder builds, closes and rebuilds. */
  static <T> RestorableClient<T> built(Supplier<T> factory) {
    return new RestorableClient<>(factory, true);
  }

  /** A client given by the caller (tests): never closed or rebuilt here. */
  static <T> RestorableClient<T> given(T client) {
    RestorableClient<T> holder = new RestorableClient<>(() -> client, false);
    holder.client = client;
    return holder;
  }

  synchronized T get() {
    if (client == null) {
      client = factory.get();
      builds++;
    }
    return client;
  }

  /** How many clients this holder built so far. */
  synchronized int builds() {
    return builds;
  }

  synchronized void close() {
    if (owned && client != null) {
      if (client instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          throw new IllegalStateException("Closing " + client.getClass().getSimpleName() + " failed", e);
        }
      }
      client = null;
    }
  }
}
