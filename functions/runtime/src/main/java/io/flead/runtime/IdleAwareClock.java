package io.flead.runtime;

/**
 * The event-time clock of a stream task that keeps running while input is idle: stream time, plus
 * the wall-clock time elapsed since stream time last advanced.
 *
 * <p>Device timestamps may come from replayed files, far from the wall clock, so "T seconds after a
 * window opened" is measured in event time; when input stops, wall-clock punctuation advances this
 * clock by the real time that passes, so windows and rounds still close.
 */
public final class IdleAwareClock {

  private long streamTime = Long.MIN_VALUE;
  private long wallAtAdvance;

  /** Records the task's stream time as seen at wall-clock time {@code wallNow}. */
  public void observe(long streamTimeNow, long wallNow) {
    if (streamTimeNow > streamTime) {
      streamTime = streamTimeNow;
      wallAtAdvance = wallNow;
    }
  }

  /** The event time now, or {@code Long.MIN_VALUE} before any record. */
  public long now(long wallNow) {
    if (streamTime == Long.MIN_VALUE) {
      return Long.MIN_VALUE;
    }
    return streamTime + Math.max(0, wallNow - wallAtAdvance);
  }
}
