package io.flead.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Stream thread failures of the last {@code windowMs}: an app whose threads keep failing (and being replaced under
 * {@code REPLACE_THREAD}) is RUNNING to Kafka Streams but stuck, and its health endpoint must say so. Thread-safe.
 */
final class ThreadFailures {
  private final int max;
  private final long windowMs;
  private final LongSupplier clock;
  private final Deque<Long> times = new ArrayDeque<>();
  private String last;

  ThreadFailures(int max, long windowMs, LongSupplier clock) {
    this.max = max;
    this.windowMs = windowMs;
    this.clock = clock;
  }

  synchronized void record(Throwable failure) {
    times.addLast(clock.getAsLong());
    last = failure.toString();
    expire();
  }

  /** Why the app is unhealthy, or null while fewer than {@code max} failures happened in the window. */
  synchronized String problem() {
    expire();
    if (times.size() < max) {
      return null;
    }
    return times.size() + " stream thread failures in the last " + windowMs / 1000 + " s (limit " + max + " in '"
        + FunctionConfig.HEALTH_FAILURES_WINDOW_MS + "'); last: " + last;
  }

  private void expire() {
    long now = clock.getAsLong();
    while (!times.isEmpty() && now - times.peekFirst() > windowMs) {
      times.removeFirst();
    }
  }
}
