package io.flead.connect.timescale.core;

import java.util.List;
import java.util.Set;

/**
 * Which top-level fields hold a nested object to flatten into one {@code double precision} column per key, and how
 * such a column is named: {@code columnFormat} with {@code ${field}} and {@code ${key}} replaced.
 */
public record Flattening(Set<String> fields, String columnFormat) {
    public static final String FIELD_PLACEHOLDER = "${field}";
    public static final String KEY_PLACEHOLDER = "${key}";
    /** The default column format, as Kafka's Flatten transform names nested fields: {@code features.tcp.len}. */
    public static final String DEFAULT_COLUMN_FORMAT = FIELD_PLACEHOLDER + "." + KEY_PLACEHOLDER;
    /** No field flattened. */
    public static final Flattening NONE = new Flattening(Set.of(), DEFAULT_COLUMN_FORMAT);

    public Flattening {
        fields = Set.copyOf(fields);
        if (!columnFormat.contains(KEY_PLACEHOLDER)) {
            throw new IllegalArgumentException("Invalid column format '" + columnFormat + "': must contain " + KEY_PLACEHOLDER);
        }
    }

    /** Flattening of {@code fields} (a config list) with {@code columnFormat}. */
    public static Flattening of(List<String> fields, String columnFormat) {
        return new Flattening(Set.copyOf(fields), columnFormat);
    }

    public boolean flattens(String field) {
        return !fields.isEmpty() && fields.contains(field);
    }

    /** The column that key {@code key} of the object in {@code field} lands in (not yet validated). */
    public String columnName(String field, String key) {
        StringBuilder name = new StringBuilder(columnFormat.length() + field.length() + key.length());
        for (int i = 0; i < columnFormat.length(); ) {
            if (columnFormat.startsWith(FIELD_PLACEHOLDER, i)) {
                name.append(field);
                i += FIELD_PLACEHOLDER.length();
            } else if (columnFormat.startsWith(KEY_PLACEHOLDER, i)) {
                name.append(key);
                i += KEY_PLACEHOLDER.length();
            } else {
                name.append(columnFormat.charAt(i++));
            }
        }
        return name.toString();
    }
}
