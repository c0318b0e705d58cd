package io.flead.connect.timescale.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Converts a plain record value (a map of field to value) into a typed {@link Row} for its table. Not thread-safe
 * when flattening (it caches flattened column names): one per converting thread.
 */
public final class RowConverter {
    private final boolean numberArraysAsDoubleArray;
    private final Flattening flattening;
    private final ObjectFlattener flattener;
    private final RowBuilder row = new RowBuilder();

    /** With {@code numberArraysAsDoubleArray}, arrays of numbers become {@code double precision[]} instead of jsonb. */
    public RowConverter(boolean numberArraysAsDoubleArray) {
        this(numberArraysAsDoubleArray, Flattening.NONE);
    }

    /** As {@link #RowConverter(boolean)}, with the nested objects of {@code flattening}'s fields flattened to columns. */
    public RowConverter(boolean numberArraysAsDoubleArray, Flattening flattening) {
        this.numberArraysAsDoubleArray = numberArraysAsDoubleArray;
        this.flattening = flattening;
        this.flattener = new ObjectFlattener(flattening);
    }

    /** Converts {@code value}, which must be a map; throws {@link ConversionException} naming the record and field. */
    public Row convert(RecordRef ref, TableTarget target, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new ConversionException(ref, null, "value must be an object, got "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        row.start();
        boolean sawTime = false;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String field = String.valueOf(e.getKey());
            if (!Identifier.isValid(field)) {
                throw new ConversionException(ref, field, "not a valid column name (empty, NUL or longer than "
                        + Identifier.MAX_BYTES + " bytes)");
            }
            if (field.equals(target.timeField())) {
                row.add(ref, field, target.timeColumn(), time(ref, field, e.getValue()));
                sawTime = true;
            } else if (flattening.flattens(field)) {
                flattener.flatten(ref, field, e.getValue(), row);
            } else if (!field.equals(target.timeColumn())) {
                row.add(ref, field, field, cell(ref, field, e.getValue()));
            }
        }
        if (!sawTime) {
            throw new ConversionException(ref, target.timeField(), "time field is missing");
        }
        return row.finish(ref, target);
    }

    private Object cell(RecordRef ref, String field, Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Instant) {
            return v;
        }
        if (v instanceof JsonValue json) {
            return numberArraysAsDoubleArray ? NumberArrays.parse(json).<Object>map(a -> a).orElse(json) : json;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
        }
        if (v instanceof List<?> list && numberArraysAsDoubleArray && isNumberList(list)) {
            double[] values = new double[list.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = ((Number) list.get(i)).doubleValue();
            }
            return new DoubleArray(values);
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            return new JsonValue(JsonText.write(v));
        }
        throw new ConversionException(ref, field, "unsupported value type " + v.getClass().getSimpleName());
    }

    private static boolean isNumberList(List<?> list) {
        if (list.isEmpty()) {
            return false;
        }
        for (Object o : list) {
            if (!(o instanceof Number)) {
                return false;
            }
        }
        return true;
    }

    /** Parses a time value: epoch milliseconds (number or digits) or ISO-8601 text. */
    static Instant time(RecordRef ref, String field, Object v) {
        if (v instanceof Instant instant) {
            return instant;
        }
        if (v instanceof Long || v instanceof Integer) {
            return Instant.ofEpochMilli(((Number) v).longValue());
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            double ms = ((Number) v).doubleValue();
            if (Double.isFinite(ms)) {
                return Instant.ofEpochMilli((long) ms);
            }
        }
        if (v instanceof String s) {
            return parseTime(ref, field, s.trim());
        }
        throw new ConversionException(ref, field, "time must be epoch milliseconds or ISO-8601 text, got '" + v + "'");
    }

    private static Instant parseTime(RecordRef ref, String field, String s) {
        try {
            if (!s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-') && s.lastIndexOf('-') <= 0) {
                return Instant.ofEpochMilli(Long.parseLong(s));
            }
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ConversionException(ref, field, "time must be epoch milliseconds or ISO-8601 text, got '" + s + "'");
        }
    }
}
