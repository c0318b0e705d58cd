package io.flead.connect.timescale.core;

import java.util.Map;

/**
 * One record converted for its table: column name to a typed value (Long, Double, String, Boolean,
 * {@link JsonValue}, {@link DoubleArray}, {@link java.time.Instant}, {@link NumberText} (a flattened number, or
 * {@link NumberText#NULL}) or null), in field order.
 */
public record Row(RecordRef ref, TableTarget target, Map<String, Object> values) {
}
