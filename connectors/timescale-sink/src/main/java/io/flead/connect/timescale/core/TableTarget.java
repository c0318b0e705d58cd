package io.flead.connect.timescale.core;

import java.util.List;

/**
 * Where one topic's records land: the table, which value field carries the time and which column holds it,
 * and the natural key that makes redelivery idempotent (empty for none).
 */
public record TableTarget(String table, String timeField, String timeColumn, List<String> keyColumns) {
    public TableTarget {
        Identifier.validate(table);
        Identifier.validate(timeColumn);
        keyColumns.forEach(Identifier::validate);
        keyColumns = List.copyOf(keyColumns);
    }

    /** The column a value field lands in: the time field goes to the time column, every other field keeps its name. */
    public String columnFor(String field) {
        return field.equals(timeField) ? timeColumn : field;
    }
}
