package io.flead.connect.timescale.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record converted for its table: its cells in the order of its {@link RowShape}'s columns, each a typed value
 * (Long, Double, String, Boolean, {@link JsonValue}, {@link DoubleArray}, {@link java.time.Instant},
 * {@link NumberText} (a flattened number, or {@link NumberText#NULL}) or null).
 */
public record Row(RecordRef ref, TableTarget target, RowShape shape, Object[] cells) {
    /** A row of {@code values} (column to value, in order). */
    public Row(RecordRef ref, TableTarget target, Map<String, Object> values) {
        this(ref, target, RowShape.of(values.keySet()), values.values().toArray());
    }

    /** The value of {@code column}, or null when the row has none. */
    public Object get(String column) {
        int i = shape.indexOf(column);
        return i < 0 ? null : cells[i];
    }

    /** Column to value, in order (a copy, for inspection). */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            values.put(shape.name(i), cells[i]);
        }
        return Collections.unmodifiableMap(values);
    }
}
