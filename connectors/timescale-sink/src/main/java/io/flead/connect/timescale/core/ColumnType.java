package io.flead.connect.timescale.core;

import java.util.Locale;

/** The column types the sink creates, with their PostgreSQL spelling. */
public enum ColumnType {
    BIGINT("bigint"),
    DOUBLE("double precision"),
    TEXT("text"),
    BOOLEAN("boolean"),
    JSONB("jsonb"),
    DOUBLE_ARRAY("double precision[]"),
    TIMESTAMPTZ("timestamptz");

    private final String sql;

    ColumnType(String sql) {
        this.sql = sql;
    }

    /** The type as written in DDL. */
    public String sql() {
        return sql;
    }

    /** The narrowest type holding values of both {@code a} and {@code b} (null means not yet known). */
    public static ColumnType widen(ColumnType a, ColumnType b) {
        if (a == null) {
            return b;
        }
        if (b == null || a == b) {
            return a;
        }
        if ((a == BIGINT && b == DOUBLE) || (a == DOUBLE && b == BIGINT)) {
            return DOUBLE;
        }
        if ((a == DOUBLE_ARRAY && b == JSONB) || (a == JSONB && b == DOUBLE_ARRAY)) {
            return JSONB;
        }
        return TEXT;
    }

    /**
     * Maps an existing column's {@code information_schema} type ({@code data_type}, {@code udt_name}) to the type
     * whose text form the sink writes into it; unknown types take text, which PostgreSQL then parses.
     */
    public static ColumnType fromCatalog(String dataType, String udtName) {
        String udt = udtName == null ? "" : udtName.toLowerCase(Locale.ROOT);
        switch (udt) {
            case "int2": case "int4": case "int8": return BIGINT;
            case "float4": case "float8": case "numeric": return DOUBLE;
            case "bool": return BOOLEAN;
            case "json": case "jsonb": return JSONB;
            case "_float4": case "_float8": case "_numeric": case "_int2": case "_int4": case "_int8": return DOUBLE_ARRAY;
            case "timestamptz": case "timestamp": case "date": return TIMESTAMPTZ;
            default: return TEXT;
        }
    }
}
