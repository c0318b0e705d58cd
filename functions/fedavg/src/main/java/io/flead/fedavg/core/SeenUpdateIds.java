package io.flead.fedavg.core;

/**
 * The update ids aggregation has already received, for duplicate detection. A {@link RoundBuffer} keeps them
 * itself; a shell that stores its round buffer as one value can keep them apart instead, one entry per id, so
 * storing the round does not rewrite every id remembered.
 */
public interface SeenUpdateIds {

    /** True when {@code updateId} was remembered and not yet forgotten. */
    boolean seen(String updateId);

    /** Remembers {@code updateId}, forgetting the oldest ids beyond the capacity. */
    void remember(String updateId);
}
