package io.flead.connect.timescale.core;

/** A table column: its name, type and whether it is NOT NULL. */
public record Column(String name, ColumnType type, boolean notNull) {
    public Column {
        Identifier.validate(name);
    }
}
