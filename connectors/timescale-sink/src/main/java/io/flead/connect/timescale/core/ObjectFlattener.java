package io.flead.connect.timescale.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Flattens the nested object of a {@link Flattening} field into columns of a row, numbers only. It remembers, per
 * field, the keys of the previous object in order, so a stream of objects with the same keys (the usual case) builds
 * and validates no column name twice. Not thread-safe: one per converting thread.
 */
final class ObjectFlattener {
    private final Flattening flattening;
    private final Map<String, KeyColumns> byField = new HashMap<>();

    ObjectFlattener(Flattening flattening) {
        this.flattening = flattening;
    }

    /** Adds the columns of {@code value} (a map, the JSON text of an object, or null for none) to {@code values}. */
    void flatten(RecordRef ref, String field, Object value, RowBuilder values) {
        if (value == null) {
            return;
        }
        KeyColumns names = byField.computeIfAbsent(field, KeyColumns::new);
        if (value instanceof Map<?, ?> map) {
            flattenMap(ref, names, map, values);
        } else if (value instanceof FlatObject object) {
            flattenObject(ref, names, object, values);
        } else if (value instanceof JsonValue json && json.json().startsWith("{")) {
            flattenJson(ref, names, json.json(), values);
        } else {
            throw new ConversionException(ref, field, "must be an object to flatten, got '"
                    + abbreviate(value instanceof JsonValue json ? json.json() : JsonText.write(value)) + "'");
        }
    }

    private void flattenMap(RecordRef ref, KeyColumns names, Map<?, ?> map, RowBuilder values) {
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            Object cell;
            if (v == null) {
                cell = NumberText.NULL;
            } else if (v instanceof Double || v instanceof Float || v instanceof Long || v instanceof Integer
                    || v instanceof Short || v instanceof Byte || v instanceof BigDecimal || v instanceof BigInteger) {
                cell = ((Number) v).doubleValue();
            } else {
                throw notANumber(ref, names.field, key, v instanceof String s ? JsonText.write(s) : JsonText.write(v));
            }
            values.add(ref, names.field, names.columnAt(ref, i++, key), cell);
        }
    }

    private void flattenJson(RecordRef ref, KeyColumns names, String json, RowBuilder values) {
        JsonMembers members;
        try {
            members = new JsonMembers(json);
            for (int i = 0; members.next(); i++) {
                String column = names.columnAt(ref, i, members);
                Object cell = switch (members.kind()) {
                    case NUMBER -> members.number();
                    case NULL -> NumberText.NULL;
                    case OTHER -> throw notANumber(ref, names.field, members.key(), members.valueText());
                };
                values.add(ref, names.field, column, cell);
            }
        } catch (IllegalArgumentException e) {
            throw new ConversionException(ref, names.field, e.getMessage());
        }
    }

    private void flattenObject(RecordRef ref, KeyColumns names, FlatObject object, RowBuilder values) {
        for (int i = 0; i < object.size(); i++) {
            String column = i < names.keys.length && object.keyIs(i, names.keys[i]) ? names.columns[i]
                    : names.remember(ref, i, object.key(i));
            Object cell = object.value(i);
            if (cell == null) {
                throw notANumber(ref, names.field, object.key(i), object.valueText(i));
            }
            values.add(ref, names.field, column, cell);
        }
    }

    private static ConversionException notANumber(RecordRef ref, String field, String key, String valueText) {
        return new ConversionException(ref, field, "key '" + key + "' has the value " + abbreviate(valueText)
                + ", but values of a flattened object must be numbers or null");
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }

    /** The column names of one flattened field, by the position of their key in the previous object. */
    private final class KeyColumns {
        private final String field;
        private String[] keys = new String[8];
        private String[] columns = new String[8];

        KeyColumns(String field) {
            this.field = field;
        }

        String columnAt(RecordRef ref, int i, JsonMembers members) {
            if (i < keys.length && members.keyIs(keys[i])) {
                return columns[i];
            }
            return remember(ref, i, members.key());
        }

        String columnAt(RecordRef ref, int i, String key) {
            if (i < keys.length && key.equals(keys[i])) {
                return columns[i];
            }
            return remember(ref, i, key);
        }

        private String remember(RecordRef ref, int i, String key) {
            String column = flattening.columnName(field, key);
            if (!Identifier.isValid(column)) {
                throw new ConversionException(ref, field, "key '" + key + "' gives the column name '" + column
                        + "', which is not a valid column name (empty, NUL or longer than " + Identifier.MAX_BYTES + " bytes)");
            }
            if (i >= keys.length) {
                keys = Arrays.copyOf(keys, Math.max(i + 1, keys.length * 2));
                columns = Arrays.copyOf(columns, keys.length);
            }
            keys[i] = key;
            columns[i] = column;
            return column;
        }
    }
}
