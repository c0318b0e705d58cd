package io.flead.connect.timescale.core;

/** Where a record came from, for error messages and offsets: topic, partition and offset. */
public record RecordRef(String topic, int partition, long offset) {
    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
