package io.flead.connect.timescale.core;

/**
 * A table column: its name, type, whether it is NOT NULL, and, for an existing column, its PostgreSQL type name
 * ({@code udt_name}: int8, float8, timestamptz, ...; null when not read from the catalog).
 */
public record Column(String name, ColumnType type, boolean notNull, String udt) {
    public Column {
        Identifier.validate(name);
    }

    /** A column whose exact PostgreSQL type is not known. */
    public Column(String name, ColumnType type, boolean notNull) {
        this(name, type, notNull, null);
    }
}
