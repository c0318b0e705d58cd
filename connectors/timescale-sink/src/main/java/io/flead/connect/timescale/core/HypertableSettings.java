package io.flead.connect.timescale.core;

import java.util.List;

/**
 * How one hypertable is set up: its chunk interval, the age after which chunks move to the columnstore (null for
 * never) with the columns they are segmented by, and the age after which chunks are dropped (null for never).
 */
public record HypertableSettings(String table, String timeColumn, String chunkInterval, String columnstoreAfter,
                                 List<String> segmentBy, String retention) {
    public HypertableSettings {
        Identifier.validate(table);
        Identifier.validate(timeColumn);
        segmentBy.forEach(Identifier::validate);
        segmentBy = List.copyOf(segmentBy);
    }
}
