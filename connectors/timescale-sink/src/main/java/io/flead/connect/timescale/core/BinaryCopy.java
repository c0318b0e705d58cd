package io.flead.connect.timescale.core;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL's binary COPY format, for batches whose every cell has an exact binary form in its column's PostgreSQL
 * type: the database then parses no number or time text. Batches with any other cell go as text COPY instead, so
 * the database still judges (and the batch bisection still isolates) values that do not fit their column.
 */
public final class BinaryCopy {
    /** The COPY statement's option for this format. */
    public static final String WITH_CLAUSE = " WITH (FORMAT binary)";

    private static final Set<String> TYPES = Set.of("int2", "int4", "int8", "float8", "text", "varchar", "bool",
            "timestamptz", "jsonb");
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L; // 2000-01-01T00:00:00Z
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15};

    private BinaryCopy() {
    }

    /** Whether every column of {@code columns} is of a PostgreSQL type this encoder writes. */
    public static boolean supports(List<Column> columns) {
        for (Column c : columns) {
            if (c.udt() == null || !TYPES.contains(c.udt())) {
                return false;
            }
        }
        return true;
    }

    /** Whether every cell of {@code rows} has an exact binary form in its column (columns must be {@link #supports supported}). */
    public static boolean encodable(List<Row> rows, List<Column> columns) {
        RowShape shape = null;
        int[] positions = null;
        for (Row row : rows) {
            if (row.shape() != shape) {
                shape = row.shape();
                positions = shape.positionsOf(columns);
            }
            for (int i = 0; i < positions.length; i++) {
                if (positions[i] >= 0 && !encodable(row.cells()[positions[i]], columns.get(i).udt())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean encodable(Object v, String udt) {
        if (v == null || v == NumberText.NULL) {
            return true;
        }
        return switch (udt) {
            case "int8" -> v instanceof Long || v instanceof Instant; // a time into an integer column: epoch ms
            case "int4" -> v instanceof Long l && l == (int) (long) l;
            case "int2" -> v instanceof Long l && l == (short) (long) l;
            case "float8" -> v instanceof Double || v instanceof Long || v instanceof NumberText n && fitsDouble(n);
            case "text", "varchar" -> v instanceof String;
            case "bool" -> v instanceof Boolean;
            case "timestamptz" -> v instanceof Instant;
            case "jsonb" -> v instanceof JsonValue;
            default -> false;
        };
    }

    /** Whether {@code n} is within double's range (text COPY would have the database refuse it otherwise). */
    private static boolean fitsDouble(NumberText n) {
        if (n.length() > 300) {
            return Double.isFinite(toDouble(n));
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == 'e' || c == 'E') {
                return Double.isFinite(toDouble(n));
            }
        }
        return true;
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
        RowShape shape = null;
        int[] positions = null;
        for (Row row : rows) {
            if (row.shape() != shape) {
                shape = row.shape();
                positions = shape.positionsOf(columns);
            }
            out.putShort(positions.length);
            for (int i = 0; i < positions.length; i++) {
                Object v = positions[i] < 0 ? null : row.cells()[positions[i]];
                cell(out, v, columns.get(i).udt());
            }
        }
    }

    private static void cell(ByteChunk out, Object v, String udt) {
        if (v == null || v == NumberText.NULL) {
            out.putInt(-1);
            return;
        }
        switch (udt) {
            case "int8" -> {
                out.putInt(8);
                out.putLong(v instanceof Instant t ? t.toEpochMilli() : (Long) v);
            }
            case "timestamptz" -> {
                out.putInt(8);
                out.putLong(micros((Instant) v));
            }
            case "int4" -> {
                out.putInt(4);
                out.putInt((int) (long) (Long) v);
            }
            case "int2" -> {
                out.putInt(2);
                out.putShort((int) (long) (Long) v);
            }
            case "float8" -> {
                out.putInt(8);
                out.putLong(Double.doubleToRawLongBits(v instanceof NumberText n ? toDouble(n) : ((Number) v).doubleValue()));
            }
            case "bool" -> {
                out.putInt(1);
                out.putByte((Boolean) v ? 1 : 0);
            }
            case "jsonb" -> out.putText(((JsonValue) v).json(), 1); // jsonb's binary form: version 1, then the text
            default -> out.putText((String) v, -1);
        }
    }

    /** Microseconds since PostgreSQL's epoch, 2000-01-01 UTC. */
    static long micros(Instant t) {
        return (t.getEpochSecond() - POSTGRES_EPOCH_SECONDS) * 1_000_000L + t.getNano() / 1_000;
    }

    /**
     * The double nearest to a JSON number: plain decimals of at most 15 digits exactly, as one correctly rounded
     * division of two exact doubles; anything else through {@link Double#parseDouble}.
     */
    static double toDouble(NumberText n) {
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        int i = 0;
        boolean negative = n.charAt(0) == '-';
        if (negative) {
            i++;
        }
        for (; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == '.') {
                fraction = 0;
            } else if (c >= '0' && c <= '9' && digits < 15) {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                if (fraction >= 0) {
                    fraction++;
                }
            } else {
                return Double.parseDouble(n.toString()); // an exponent, or more digits than the fast path takes
            }
        }
        double value = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
        return negative ? -value : value;
    }
}
