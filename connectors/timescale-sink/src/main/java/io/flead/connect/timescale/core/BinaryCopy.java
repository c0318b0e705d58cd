package io.flead.connect.timescale.core;

import java.time.Instant;
import java.util.List;

/**
 * PostgreSQL's binary COPY format, for batches whose every cell has an exact binary form in its column's PostgreSQL
 * type: the database then parses no number or time text. Batches with any other cell go as text COPY instead, so
 * the database still judges (and the batch bisection still isolates) values that do not fit their column.
 */
public final class BinaryCopy {
    /** The COPY statement's option for this format. */
    public static final String WITH_CLAUSE = " WITH (FORMAT binary)";

    /** The PostgreSQL types written, by {@code udt_name}. */
    private enum Type {
        INT2, INT4, INT8, FLOAT8, TEXT, BOOL, TIMESTAMPTZ, JSONB;

        static Type of(String udt) {
            return switch (udt == null ? "" : udt) {
                case "int2" -> INT2;
                case "int4" -> INT4;
                case "int8" -> INT8;
                case "float8" -> FLOAT8;
                case "text", "varchar" -> TEXT;
                case "bool" -> BOOL;
                case "timestamptz" -> TIMESTAMPTZ;
                case "jsonb" -> JSONB;
                default -> null;
            };
        }
    }

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L; // 2000-01-01T00:00:00Z

    private BinaryCopy() {
    }

    /** Whether every column of {@code columns} is of a PostgreSQL type this encoder writes. */
    public static boolean supports(List<Column> columns) {
        for (Column c : columns) {
            if (Type.of(c.udt()) == null) {
                return false;
            }
        }
        return true;
    }

    private static Type[] types(List<Column> columns) {
        Type[] types = new Type[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = Type.of(columns.get(i).udt());
        }
        return types;
    }

    /** Whether every cell of {@code rows} has an exact binary form in its column (columns must be {@link #supports supported}). */
    public static boolean encodable(List<Row> rows, List<Column> columns) {
        Type[] types = types(columns);
        for (Row row : rows) {
            int[] positions = row.shape().positionsIn(columns);
            Object[] cells = row.cells();
            for (int i = 0; i < positions.length; i++) {
                if (positions[i] >= 0 && !encodable(cells[positions[i]], types[i])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean encodable(Object v, Type type) {
        if (v == null || v == NumberText.NULL) {
            return true;
        }
        return switch (type) {
            case FLOAT8 -> v instanceof NumberText n ? n.fitsDouble() : v instanceof Double || v instanceof Long;
            case INT8 -> v instanceof Long || v instanceof Instant; // a time into an integer column: epoch ms
            case INT4 -> v instanceof Long l && l == (int) (long) l;
            case INT2 -> v instanceof Long l && l == (short) (long) l;
            case TEXT -> v instanceof String;
            case BOOL -> v instanceof Boolean;
            case TIMESTAMPTZ -> v instanceof Instant;
            case JSONB -> v instanceof JsonValue;
        };
    }

    /** The header that starts the COPY data. */
    public static void header(ByteChunk out) {
        out.put(HEADER);
    }

    /** The trailer that ends the COPY data. */
    public static void trailer(ByteChunk out) {
        out.putShort(-1);
    }

    /** Appends {@code rows} (checked {@link #encodable}) as binary tuples of {@code columns}. */
    public static void encode(List<Row> rows, List<Column> columns, ByteChunk out) {
        Type[] types = types(columns);
        for (Row row : rows) {
            int[] positions = row.shape().positionsIn(columns);
            out.putShort(positions.length);
            Object[] cells = row.cells();
            for (int i = 0; i < positions.length; i++) {
                cell(out, positions[i] < 0 ? null : cells[positions[i]], types[i]);
            }
        }
    }

    private static void cell(ByteChunk out, Object v, Type type) {
        if (v == null || v == NumberText.NULL) {
            out.putInt(-1);
            return;
        }
        switch (type) {
            case FLOAT8 -> out.putCell8(Double.doubleToRawLongBits(
                    v instanceof NumberText n ? n.doubleValue() : ((Number) v).doubleValue()));
            case INT8 -> out.putCell8(v instanceof Instant t ? t.toEpochMilli() : (Long) v);
            case TIMESTAMPTZ -> out.putCell8(micros((Instant) v));
            case INT4 -> {
                out.putInt(4);
                out.putInt((int) (long) (Long) v);
            }
            case INT2 -> {
                out.putInt(2);
                out.putShort((int) (long) (Long) v);
            }
            case BOOL -> {
                out.putInt(1);
                out.putByte((Boolean) v ? 1 : 0);
            }
            case JSONB -> out.putText(((JsonValue) v).json(), 1); // jsonb's binary form: version 1, then the text
            case TEXT -> out.putText((String) v, -1);
        }
    }

    /** Microseconds since PostgreSQL's epoch, 2000-01-01 UTC. */
    static long micros(Instant t) {
        return (t.getEpochSecond() - POSTGRES_EPOCH_SECONDS) * 1_000_000L + t.getNano() / 1_000;
    }
}
