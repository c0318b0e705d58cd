package io.flead.connect.timescale.core;

import java.time.Instant;

/** The PostgreSQL input text of a converted value for a column of a given type (before COPY escaping). */
public final class CellText {
    private CellText() {
    }

    /** Appends the text of {@code value} (not null) for a column of {@code type} to {@code out}. */
    public static void append(StringBuilder out, Object value, ColumnType type) {
        switch (type) {
            case JSONB -> appendJson(out, value);
            case DOUBLE_ARRAY -> appendArray(out, value);
            case TIMESTAMPTZ -> appendTime(out, value);
            case BIGINT -> appendInteger(out, value);
            default -> appendPlain(out, value);
        }
    }

    private static void appendJson(StringBuilder out, Object value) {
        if (value instanceof JsonValue json) {
            out.append(json.json());
        } else if (value instanceof DoubleArray array) {
            appendJsonArray(out, array);
        } else if (value instanceof String || value instanceof Instant) {
            JsonText.appendString(out, value.toString());
        } else {
            JsonText.append(out, value);
        }
    }

    private static void appendJsonArray(StringBuilder out, DoubleArray array) {
        out.append('[');
        double[] values = array.values();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            JsonText.append(out, values[i]);
        }
        out.append(']');
    }

    private static void appendArray(StringBuilder out, Object value) {
        if (value instanceof DoubleArray array) {
            out.append('{');
            double[] values = array.values();
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(values[i]);
            }
            out.append('}');
        } else {
            appendPlain(out, value);
        }
    }

    private static void appendTime(StringBuilder out, Object value) {
        if (value instanceof Instant instant) {
            TimestampText.append(out, instant);
        } else if (value instanceof Long ms) {
            TimestampText.append(out, Instant.ofEpochMilli(ms));
        } else {
            appendPlain(out, value);
        }
    }

    private static void appendInteger(StringBuilder out, Object value) {
        if (value instanceof Instant instant) {
            out.append(instant.toEpochMilli()); // a time into an existing integer column: epoch milliseconds
        } else if (value instanceof NumberText n && !n.integral()) {
            appendInteger(out, n.doubleValue()); // 12.0 fits a bigint column; 12.5 is then refused by the database
        } else if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.2e18) {
            out.append(d.longValue());
        } else {
            appendPlain(out, value);
        }
    }

    private static void appendPlain(StringBuilder out, Object value) {
        if (value instanceof JsonValue json) {
            out.append(json.json());
        } else if (value instanceof DoubleArray array) {
            appendJsonArray(out, array);
        } else if (value instanceof Instant instant) {
            TimestampText.append(out, instant);
        } else {
            out.append(value);
        }
    }
}
