package io.flead.connect.timescale.core;

/**
 * When the writer thread last made progress (sent or received something), so the task thread can tell a batch that
 * is slow from one stuck on a hung server: a socket write to a server that reads nothing blocks with no timeout.
 */
public final class WriteProgress {
    private volatile long lastNanos;

    public WriteProgress(long nowNanos) {
        this.lastNanos = nowNanos;
    }

    /** Records progress at {@code nowNanos}. */
    public void touch(long nowNanos) {
        lastNanos = nowNanos;
    }

    /** Whether nothing has progressed for at least {@code timeoutMs} before {@code nowNanos}. */
    public boolean stalled(long nowNanos, long timeoutMs) {
        return nowNanos - lastNanos >= timeoutMs * 1_000_000L;
    }
}
