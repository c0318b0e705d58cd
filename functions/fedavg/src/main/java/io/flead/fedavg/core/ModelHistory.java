package io.flead.fedavg.core;

/**
 * The recent versions aggregation has published ({@link VersionRecord}s), by version: a shell keeps them in memory
 * or in a state store. Aggregation reads the base versions of a round's updates and writes the new version and the
 * evaluations it learned; it forgets versions that fell out of the staleness bound.
 */
public interface ModelHistory {

    /** The record of {@code version}, or null when it is not (or no longer) known. */
    VersionRecord get(long version);

    /** Stores or replaces the record of its version. */
    void put(VersionRecord record);

    /**
     * Forgets every version below {@code version} but version 0: the zero model every version without weights starts
     * from, whose record keeps the class moments pooled for the first weighted version.
     */
    void forgetBefore(long version);

    /** A history kept in this object (for the Lambda shell, the offline harness and tests). */
    static ModelHistory inMemory() {
        return new InMemoryModelHistory();
    }
}
