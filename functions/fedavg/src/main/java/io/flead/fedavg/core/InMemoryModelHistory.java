package io.flead.fedavg.core;

import java.util.TreeMap;

/** A {@link ModelHistory} in a sorted map. */
final class InMemoryModelHistory implements ModelHistory {
    private final TreeMap<Long, VersionRecord> records = new TreeMap<>();

    @Override
    public VersionRecord get(long version) {
        return records.get(version);
    }

    @Override
    public void put(VersionRecord record) {
        records.put(record.version(), record);
    }

    @Override
    public void forgetBefore(long version) {
        VersionRecord zero = records.get(0L);
        records.headMap(version).clear();
        if (zero != null) {
            records.put(0L, zero);
        }
    }
}
