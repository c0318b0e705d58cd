package io.flead.connect.timescale.core;

/**
 * When the sink retries a transient database failure and how long it pauses first: an exponential backoff from
 * {@code initialBackoffMs}, doubling per consecutive failure up to {@code maxBackoffMs}, for ever when
 * {@code maxRetries} is {@link #FOREVER}.
 */
public record RetryPolicy(int maxRetries, long initialBackoffMs, long maxBackoffMs) {
    /** The {@code maxRetries} that never gives up. */
    public static final int FOREVER = -1;

    public RetryPolicy {
        if (maxRetries < FOREVER || initialBackoffMs < 0 || maxBackoffMs < 0) {
            throw new IllegalArgumentException("Invalid retry policy: max retries " + maxRetries + ", backoff "
                    + initialBackoffMs + " ms to " + maxBackoffMs + " ms");
        }
    }

    /** Whether the sink retries after {@code failures} consecutive failures (1 after the first). */
    public boolean retries(long failures) {
        return maxRetries == FOREVER || failures <= maxRetries;
    }

    /** The pause before the retry that follows {@code failures} consecutive failures: never more than the maximum. */
    public long backoffMs(long failures) {
        long doublings = Math.max(0, failures - 1);
        if (initialBackoffMs == 0 || doublings >= Long.numberOfLeadingZeros(initialBackoffMs) - 1) {
            return initialBackoffMs == 0 ? 0 : maxBackoffMs; // doubling further would overflow, and is past any maximum
        }
        return Math.min(maxBackoffMs, initialBackoffMs << doublings);
    }
}
